package com.reelsmith.platform.schema;

import com.reelsmith.migrations.Migrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * The gateway migrates (creating the database if it is missing, so a first start just works);
 * workers never change the schema: they validate it, and wait while someone else migrates,
 * so the three services can be started in any order.
 */
public class SchemaStartup implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(SchemaStartup.class);

    private final SchemaProperties properties;
    private final DataSourceProperties dataSource;

    public SchemaStartup(SchemaProperties properties, DataSourceProperties dataSource) {
        this.properties = properties;
        this.dataSource = dataSource;
    }

    @Override
    public void migrate(Flyway flyway) {
        if (properties.migrate()) {
            Migrations.createDatabaseIfMissing(dataSource.getUrl(), dataSource.getUsername(), dataSource.getPassword());
            var result = flyway.migrate();
            log.info("schema migrated: {} migration(s) applied, now at {}", result.migrationsExecuted,
                    result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion);
            return;
        }
        validateWaiting(flyway);
    }

    private void validateWaiting(Flyway flyway) {
        long deadline = System.nanoTime() + properties.waitFor().toNanos();
        while (true) {
            try {
                flyway.validate();
                return;
            } catch (FlywayException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the database schema is missing or behind this service's version; "
                            + "run the gateway or `java -jar db-migrations/target/db-migrations.jar` first: "
                            + e.getMessage(), e);
                }
                log.info("waiting for the schema to be migrated ({})", firstLine(e.getMessage()));
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the schema", e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
