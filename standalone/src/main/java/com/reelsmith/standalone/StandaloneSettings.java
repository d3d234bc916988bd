package com.reelsmith.standalone;

import java.nio.file.Path;

/**
 * What the standalone mode reads from the environment. databaseUrl/amqpUrl set: use those
 * servers instead of starting embedded ones. managementPort: the gateway's actuator port (the
 * workers run without a web server here, so it is the only one besides serverPort).
 */
record StandaloneSettings(Path dataFolder, int serverPort, int managementPort, String databaseUrl, String databaseUser,
                          String databasePassword, String amqpUrl, String amqpPrefix, String adminApiKey, boolean demo) {

    static StandaloneSettings fromEnvironment(boolean demo) {
        return new StandaloneSettings(
                Path.of(env("REELSMITH_DATA", "reelsmith-data")),
                Integer.parseInt(env("SERVER_PORT", "8080")),
                Integer.parseInt(env("MANAGEMENT_PORT", "8079")),
                env("DATABASE_URL", null), env("DATABASE_USER", "postgres"), env("DATABASE_PASSWORD", ""),
                env("AMQP_URL", null), env("AMQP_PREFIX", "reelsmith"), env("ADMIN_API_KEY", null),
                demo || "true".equalsIgnoreCase(env("REELSMITH_DEMO", "false")));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
