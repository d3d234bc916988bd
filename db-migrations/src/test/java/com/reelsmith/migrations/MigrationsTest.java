package com.reelsmith.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private final String database = "rs_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @AfterEach
    void dropDatabase() throws Exception {
        try (var c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             var s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        }
    }

    @Test
    void aMissingDatabaseIsCreatedAndMigratedFromEmpty() throws Exception {
        var result = Migrations.migrate(SERVER + database, "postgres", "");

        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(1);
        assertThat(tables()).contains("clients", "api_keys", "campaigns", "assets", "jobs",
                "generated_images", "generated_videos", "outbox", "processed_messages");
    }

    @Test
    void migratingTwiceAppliesNothingTheSecondTime() {
        Migrations.migrate(SERVER + database, "postgres", "");

        var again = Migrations.migrate(SERVER + database, "postgres", "");

        assertThat(again.migrationsExecuted).isZero();
    }

    @Test
    void anIdempotencyKeyIsUniquePerClient() throws Exception {
        Migrations.migrate(SERVER + database, "postgres", "");
        try (var c = DriverManager.getConnection(SERVER + database, "postgres", "");
             var s = c.createStatement()) {
            s.execute("select indexdef from pg_indexes where indexname = 'jobs_idempotency'");
            var rs = s.getResultSet();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("UNIQUE").contains("(client_id, idempotency_key)");
        }
    }

    private List<String> tables() throws Exception {
        List<String> names = new ArrayList<>();
        try (var c = DriverManager.getConnection(SERVER + database, "postgres", "");
             var rs = c.createStatement().executeQuery(
                     "select table_name from information_schema.tables where table_schema = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
