package com.reelsmith.testing;

import com.reelsmith.migrations.Migrations;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A database of its own for one test class (or run): created empty, migrated by the real
 * Flyway migrations, dropped when the JVM exits.
 */
public record TestDatabase(String url, String user, String password, String name) {

    public static TestDatabase createMigrated() {
        TestDatabase db = createEmpty();
        Migrations.migrate(db.url(), db.user(), db.password());
        return db;
    }

    public static TestDatabase createEmpty() {
        TestDatabase db = notYetCreated();
        db.admin("create database " + db.name());
        return db;
    }

    /**
     * A fresh name on the test server that no database has yet, for code that must create its
     * own; whatever is created under it is dropped when the JVM exits.
     */
    public static TestDatabase notYetCreated() {
        String name = "rs_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var server = TestServices.postgres();
        TestDatabase db = new TestDatabase(server.serverUrl() + name, server.user(), server.password(), name);
        if (server.source() != TestServices.Source.EMBEDDED) {
            // the embedded server goes at exit with its whole data directory; dropping into it as it stops would only race
            Runtime.getRuntime().addShutdownHook(new Thread(() -> db.admin("drop database if exists " + name + " with (force)")));
        }
        return db;
    }

    private void admin(String sql) {
        try (var connection = DriverManager.getConnection(TestServices.postgres().serverUrl() + "postgres", user, password);
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
