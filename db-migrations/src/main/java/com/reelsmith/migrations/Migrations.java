package com.reelsmith.migrations;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** The one schema of Reelsmith: applied by the gateway at start-up or by {@link MigrateMain}. */
public final class Migrations {

    public static final String LOCATION = "classpath:db/migration";

    private static final Pattern DATABASE_IN_URL =
            Pattern.compile("^(jdbc:postgresql://[^/]+/)([A-Za-z0-9_]+)(\\?.*)?$");

    private Migrations() {
    }

    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations(LOCATION).load();
    }

    public static MigrateResult migrate(String url, String user, String password) {
        createDatabaseIfMissing(url, user, password);
        return Flyway.configure().dataSource(url, user, password).locations(LOCATION).load().migrate();
    }

    /**
     * A newcomer's first start should not fail on a missing database: when the URL names a
     * database that does not exist yet, create it (through the server's "postgres" database).
     */
    public static void createDatabaseIfMissing(String url, String user, String password) {
        Matcher m = DATABASE_IN_URL.matcher(url);
        if (!m.matches()) {
            return;
        }
        String adminUrl = m.group(1) + "postgres" + (m.group(3) == null ? "" : m.group(3));
        String database = m.group(2);
        try (var connection = DriverManager.getConnection(adminUrl, user, password);
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (exists.executeQuery().next()) {
                return;
            }
            try (var create = connection.createStatement()) {
                create.execute("create database \"" + database + "\"");
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // 42P04: created meanwhile by another process
                throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
            }
        }
    }
}
