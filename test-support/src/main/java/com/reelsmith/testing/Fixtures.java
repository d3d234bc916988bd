package com.reelsmith.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;

/**
 * Rows a worker test starts from, written with plain JDBC the way the gateway would have
 * written them: a client, a campaign, a queued job.
 */
public final class Fixtures {

    public record Tenant(UUID clientId, UUID campaignId) {
    }

    private static final Set<String> FINAL = Set.of("succeeded", "failed", "canceled");

    private final TestDatabase db;

    public Fixtures(TestDatabase db) {
        this.db = db;
    }

    public Tenant tenant() {
        UUID client = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();
        update("insert into clients (id, name) values ('" + client + "', 'client " + client + "')");
        update("insert into campaigns (id, client_id, name) values ('" + campaign + "', '" + client + "', 'campaign')");
        return new Tenant(client, campaign);
    }

    /** A queued job as the gateway writes it (its command is sent separately, by the test). */
    public UUID queuedJob(Tenant tenant, String kind, String inputJson) {
        UUID id = UUID.randomUUID();
        try (Connection c = connect(); var s = c.prepareStatement("""
                insert into jobs (id, client_id, campaign_id, kind, status, input, correlation_id)
                values (?, ?, ?, ?, 'queued', cast(? as jsonb), ?)
                """)) {
            s.setObject(1, id);
            s.setObject(2, tenant.clientId());
            s.setObject(3, tenant.campaignId());
            s.setString(4, kind);
            s.setString(5, inputJson);
            s.setObject(6, UUID.randomUUID());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    public String status(UUID jobId) {
        return (String) value("select status from jobs where id = '" + jobId + "'");
    }

    /**
     * Polls the job until it has {@code wanted} and returns it; fails, naming the job, what was
     * wanted, the status it has and its error, when the time is up or the job ended in another
     * final state (succeeded, failed and canceled never change again).
     */
    public String awaitStatus(UUID jobId, String wanted, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        String status = status(jobId);
        while (!wanted.equals(status) && !FINAL.contains(status) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            status = status(jobId);
        }
        if (!wanted.equals(status)) {
            throw new AssertionError("job " + jobId + ": wanted status " + wanted + " within " + timeoutMs + " ms, but it is "
                    + status + (FINAL.contains(status) ? " (final)" : "") + "; error_code="
                    + value("select error_code from jobs where id = '" + jobId + "'") + ", error_message="
                    + value("select error_message from jobs where id = '" + jobId + "'") + ", attempts="
                    + value("select attempts from jobs where id = '" + jobId + "'"));
        }
        return status;
    }

    public void update(String sql) {
        try (Connection c = connect(); var s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public Object value(String sql) {
        try (Connection c = connect(); var rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }
}
