package com.reelsmith.system;

import com.reelsmith.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the database says about a set of jobs, read-only: how many are in each status, and how
 * many have more than one result row. A fresh connection per look, so a restarted PostgreSQL
 * costs one failed look, not the test.
 */
final class JobLedger {

    static final Set<String> TERMINAL = Set.of("succeeded", "failed", "canceled");

    /** Counts by status of the jobs asked about; {@code duplicated}: jobs (or their children) with 2+ results. */
    record Tally(Map<String, Integer> byStatus, int duplicated) {
        int count(String status) {
            return byStatus.getOrDefault(status, 0);
        }

        int unfinished() {
            return byStatus.entrySet().stream().filter(e -> !TERMINAL.contains(e.getKey())).mapToInt(Map.Entry::getValue).sum();
        }
    }

    private final TestDatabase db;

    JobLedger(TestDatabase db) {
        this.db = db;
    }

    Tally tally(Collection<UUID> jobIds) throws SQLException {
        UUID[] ids = jobIds.toArray(UUID[]::new);
        try (Connection c = connect()) {
            Map<String, Integer> byStatus = new HashMap<>();
            try (var s = c.prepareStatement("select status, count(*) from jobs where id = any(?) group by status")) {
                s.setArray(1, c.createArrayOf("uuid", ids));
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        byStatus.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            int missing = ids.length - byStatus.values().stream().mapToInt(Integer::intValue).sum();
            if (missing > 0) {
                byStatus.put("missing", missing); // accepted, yet no row: lost before it was ever stored
            }
            int duplicated = 0;
            for (String table : List.of("generated_images", "generated_videos")) {
                try (var s = c.prepareStatement("""
                        select count(*) from (
                          select job_id from %s
                          where job_id in (select id from jobs where id = any(?) or parent_job_id = any(?))
                          group by job_id having count(*) > 1) d
                        """.formatted(table))) {
                    s.setArray(1, c.createArrayOf("uuid", ids));
                    s.setArray(2, c.createArrayOf("uuid", ids));
                    try (var rs = s.executeQuery()) {
                        rs.next();
                        duplicated += rs.getInt(1);
                    }
                }
            }
            return new Tally(byStatus, duplicated);
        }
    }

    /** Waits until none of the jobs is unfinished (or the time is up); database outages are waited out. */
    Tally awaitFinished(Collection<UUID> jobIds, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Tally last = null;
        while (true) {
            try {
                last = tally(jobIds);
                if (last.unfinished() == 0) {
                    return last;
                }
            } catch (SQLException databaseAway) {
                // restarting: look again
            }
            if (System.nanoTime() > deadline) {
                if (last == null) {
                    throw new AssertionError("the database never answered within " + timeout);
                }
                return last;
            }
            Thread.sleep(500);
        }
    }

    /** One number from a read-only query, e.g. how many jobs are running right now; a collection of ids binds as uuid[]. */
    long count(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); var s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Collection<?> ids) {
                    s.setArray(i + 1, c.createArrayOf("uuid", ids.toArray()));
                } else {
                    s.setObject(i + 1, params[i]);
                }
            }
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Whether the table exists (the lead may add a dead-letter table; the test counts it when there). */
    boolean tableExists(String table) throws SQLException {
        return count("select count(*) from information_schema.tables where table_schema = current_schema() and table_name = ?",
                table) > 0;
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        c.setReadOnly(true);
        return c;
    }
}
