package com.reelsmith.migrations;

/** {@code java -jar db-migrations.jar}: applies the schema to DATABASE_URL and exits. */
public final class MigrateMain {

    public static void main(String[] args) {
        String url = env("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/reelsmith");
        String user = env("DATABASE_USER", "postgres");
        String password = env("DATABASE_PASSWORD", "");
        var result = Migrations.migrate(url, user, password);
        System.out.printf("schema of %s is at version %s (%d migration(s) applied now)%n",
                url, result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
