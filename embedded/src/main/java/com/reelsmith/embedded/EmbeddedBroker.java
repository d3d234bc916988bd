package com.reelsmith.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;

/**
 * An AMQP 0-9-1 broker in this JVM (Apache Qpid Broker-J) on a loopback port, keeping its
 * messages in a Derby store under the data folder, so a message queued before a restart is
 * still there after it. The services reach it over the real protocol, like RabbitMQ.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final SystemLauncher launcher = new SystemLauncher();
    private final int port;

    private EmbeddedBroker(int port) {
        this.port = port;
    }

    public static EmbeddedBroker start(Path workDir, int port) throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(port);
        // Qpid opens its files by URL, and a "classpath:" URL means nothing inside a fat jar: give it real files
        Files.createDirectories(workDir);
        Path config = workDir.resolve("broker-config.json");
        try (var in = EmbeddedBroker.class.getResourceAsStream("/reelsmith-broker.json")) {
            Files.copy(in, config, StandardCopyOption.REPLACE_EXISTING);
        }
        Path systemProperties = workDir.resolve("system.properties");
        if (!Files.exists(systemProperties)) {
            Files.writeString(systemProperties, "");
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("type", "Memory"); // the broker's own configuration is rebuilt from the file each start
        attributes.put("initialConfigurationLocation", config.toUri().toURL().toExternalForm());
        attributes.put("initialSystemPropertiesLocation", systemProperties.toUri().toURL().toExternalForm());
        attributes.put("startupLoggedToSystemOut", false);
        attributes.put("context", Map.of(
                "qpid.work_dir", workDir.toAbsolutePath().toString(),
                "qpid.amqp_port", String.valueOf(port),
                "qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}"));
        broker.launcher.startup(attributes);
        return broker;
    }

    public String amqpUrl() {
        return "amqp://guest:guest@127.0.0.1:" + port;
    }

    /**
     * On SIGTERM the broker's own shutdown hook may have begun closing it already (its executor is
     * then "not in ACTIVE state"): that is a broker on its way down, not a failure to stop it.
     */
    @Override
    public void close() {
        try {
            launcher.shutdown();
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("not in ACTIVE state")) {
                throw e;
            }
        }
    }
}
