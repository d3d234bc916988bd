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
        String server = TestServices.postgresServer();
        TestDatabase db = new TestDatabase(server + name, TestServices.PG_USER, TestServices.postgresPassword(), name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> db.admin("drop database if exists " + name + " with (force)")));
        return db;
    }

    private void admin(String sql) {
        try (var connection = DriverManager.getConnection(TestServices.postgresServer() + "postgres", user, password);
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
