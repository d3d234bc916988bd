package com.reelsmith.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

/**
 * What PostgreSQL going away mid-transaction looks like from the pool, as seen in the fault
 * suite's restart: the statement fails, the rollback then finds the connection closed (a bare
 * SQLException, no SQL state). That is an outage (503 + Retry-After), not our bug (500).
 */
class DatabaseOutageHandlerTest {

    final DatabaseOutageHandler handler = new DatabaseOutageHandler();

    @Test
    void aRollbackThatFindsTheConnectionClosedIsAnOutage() {
        var rollbackFailed = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));

        var answer = handler.transactionFailed(rollbackFailed);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo(DatabaseOutageHandler.RETRY_AFTER_SECONDS);
        assertThat(answer.getBody().error().code()).isEqualTo("database_unavailable");
    }

    @Test
    void aTransactionFailureWithNoDatabaseBehindItIsStillOurBug() {
        var answer = handler.transactionFailed(new TransactionSystemException("no transaction in progress"));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
    }
}
