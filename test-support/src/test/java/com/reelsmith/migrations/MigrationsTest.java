package com.reelsmith.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.TestDatabase;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schema on the same PostgreSQL as every other test (DATABASE_URL, the local server, or
 * Testcontainers), through test-support's TestDatabase. It lives here and not in db-migrations
 * because test-support depends on db-migrations: the other way round would be a cycle.
 */
class MigrationsTest {

    @Test
    void aMissingDatabaseIsCreatedAndMigratedFromEmpty() throws Exception {
        TestDatabase db = TestDatabase.notYetCreated();

        var result = Migrations.migrate(db.url(), db.user(), db.password());

        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(1);
        assertThat(tables(db)).contains("clients", "api_keys", "campaigns", "assets", "jobs",
                "generated_images", "generated_videos", "outbox", "processed_messages");
    }

    @Test
    void migratingTwiceAppliesNothingTheSecondTime() {
        TestDatabase db = TestDatabase.createEmpty();
        var first = Migrations.migrate(db.url(), db.user(), db.password());

        var again = Migrations.migrate(db.url(), db.user(), db.password());

        assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(1);
        assertThat(again.migrationsExecuted).isZero();
    }

    @Test
    void anIdempotencyKeyIsUniquePerClient() throws Exception {
        TestDatabase db = TestDatabase.createMigrated();
        try (var c = DriverManager.getConnection(db.url(), db.user(), db.password());
             var s = c.createStatement();
             var rs = s.executeQuery("select indexdef from pg_indexes where indexname = 'jobs_idempotency'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("UNIQUE").contains("(client_id, idempotency_key)");
        }
    }

    private static List<String> tables(TestDatabase db) throws Exception {
        List<String> names = new ArrayList<>();
        try (var c = DriverManager.getConnection(db.url(), db.user(), db.password());
             var rs = c.createStatement().executeQuery(
                     "select table_name from information_schema.tables where table_schema = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
