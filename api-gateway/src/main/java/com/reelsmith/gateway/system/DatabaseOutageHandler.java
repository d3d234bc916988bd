package com.reelsmith.gateway.system;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * PostgreSQL out of reach is a 503 with Retry-After, not a 500: the client should try again, and
 * the gateway recovers by itself (the pool opens new connections when the database is back). The
 * pool gives up on a connection within about a second (spring.datasource.hikari.connection-timeout
 * in api-gateway.yml), so the answer comes fast. Also covers the API key lookup in the
 * interceptor: an uncached key during an outage is a 503, not a 401.
 * Ordered before {@link ApiErrorHandler}, whose catch-all would otherwise answer 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseOutageHandler {

    static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageHandler.class);

    /** Connection refused, reset, pool timeout: the resource is down (SQL state class 08 and friends). */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<ApiError> unavailable(Exception e) {
        log.warn("database unavailable: {}", NestedExceptionUtils.getMostSpecificCause(e).getMessage());
        return answer();
    }

    /**
     * A commit or rollback that failed at the JDBC level: the connection broke under it (the pool
     * reports a dead connection as a bare "Connection is closed", with no SQL state, and the
     * cause that broke it is the exception that set off the rollback). We use no deferred
     * constraints, so nothing the client sent can fail a commit: this is an outage.
     */
    @ExceptionHandler(TransactionSystemException.class)
    ResponseEntity<ApiError> transactionFailed(TransactionSystemException e) {
        if (!connectionLost(e) && !connectionLost(e.getApplicationException()) && !(e.getCause() instanceof SQLException)) {
            log.error("unexpected error", e);
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                    .body(ApiError.of("internal_error", "something went wrong on our side; it has been logged", null));
        }
        log.warn("database unavailable at commit: {}", e.getMessage());
        return answer();
    }

    static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<ApiError> answer() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .body(ApiError.of("database_unavailable",
                        "the database is unavailable for the moment; retry in "
                                + RETRY_AFTER_SECONDS + " s", null));
    }
}
