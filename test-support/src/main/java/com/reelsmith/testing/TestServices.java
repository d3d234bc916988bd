package com.reelsmith.testing;

import com.reelsmith.embedded.EmbeddedBroker;
import com.reelsmith.embedded.EmbeddedDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.RabbitMQContainer;

/**
 * Where the tests find PostgreSQL and the AMQP broker, chosen once per test JVM, each in this
 * order: the server DATABASE_URL / AMQP_URL names; the one listening on 127.0.0.1 (5432, 5672);
 * Testcontainers where Docker runs; otherwise the standalone mode's embedded PostgreSQL (zonky)
 * and Qpid broker, started here on free TCP ports (so the jars the system tests start reach
 * them too) and stopped at exit. Never an in-memory stand-in. The choice is printed on one line.
 *
 * <p>{@code REELSMITH_TEST_SERVICES=embedded} (or {@code -Dreelsmith.test.services=embedded})
 * takes the embedded ones even where servers listen: the bare-machine run, on any machine.
 * {@code -Dreelsmith.test.broker=embedded} (the workers' second surefire run) does so for the
 * broker alone. Tests that need what only RabbitMQ has say {@link RequiresRabbitMq}.
 */
final class TestServices {

    static final String SWITCH = "REELSMITH_TEST_SERVICES";
    static final String SWITCH_PROPERTY = "reelsmith.test.services";

    enum Source { CONFIGURED, LOCAL, TESTCONTAINERS, EMBEDDED }

    /** A PostgreSQL server: its JDBC URL ends in "/", without a database name. */
    record Postgres(String serverUrl, String user, String password, Source source, String description) {
    }

    /** An AMQP broker; every one but the embedded Qpid broker is a RabbitMQ. */
    record Amqp(String url, Source source, String description) {
        boolean rabbitmq() {
            return source != Source.EMBEDDED;
        }
    }

    private static Postgres postgres;
    private static Amqp amqp;
    private static Boolean docker;

    private TestServices() {
    }

    static synchronized Postgres postgres() {
        choose();
        return postgres;
    }

    static synchronized Amqp amqp() {
        choose();
        return amqp;
    }

    private static void choose() {
        if (postgres != null) {
            return;
        }
        boolean allEmbedded = embeddedForced();
        boolean brokerEmbedded = allEmbedded || "embedded".equals(System.getProperty("reelsmith.test.broker"));
        postgres = allEmbedded ? embeddedPostgres() : choosePostgres();
        amqp = brokerEmbedded ? embeddedAmqp() : chooseAmqp();
        String why = allEmbedded ? " (" + SWITCH + "=embedded)"
                : brokerEmbedded ? " (broker: -Dreelsmith.test.broker=embedded)" : "";
        System.out.println("reelsmith tests: PostgreSQL = " + postgres.description() + "; AMQP = " + amqp.description() + why);
    }

    private static boolean embeddedForced() {
        String value = System.getenv(SWITCH);
        if (value == null || value.isBlank()) {
            value = System.getProperty(SWITCH_PROPERTY, "");
        }
        return switch (value.trim()) {
            case "embedded" -> true;
            case "", "auto" -> false;
            default -> throw new IllegalStateException(SWITCH + "=" + value + ": say 'embedded' (or 'auto', the default)");
        };
    }

    private static Postgres choosePostgres() {
        String user = env("DATABASE_USER", "postgres");
        String password = env("DATABASE_PASSWORD", "");
        String configured = System.getenv("DATABASE_URL");
        if (configured != null && !configured.isBlank()) {
            String server = configured.substring(0, configured.lastIndexOf('/') + 1);
            return new Postgres(server, user, password, Source.CONFIGURED, "DATABASE_URL (" + server + ")");
        }
        if (reachable("127.0.0.1", 5432)) {
            return new Postgres("jdbc:postgresql://127.0.0.1:5432/", user, password, Source.LOCAL, "127.0.0.1:5432");
        }
        if (dockerAvailable()) {
            var container = new PostgreSQLContainer<>("postgres:16-alpine").withUsername(user).withPassword("test");
            container.start();
            int port = container.getMappedPort(5432);
            return new Postgres("jdbc:postgresql://" + container.getHost() + ":" + port + "/", user, "test",
                    Source.TESTCONTAINERS, "Testcontainers (port " + port + ")");
        }
        return embeddedPostgres();
    }

    private static Amqp chooseAmqp() {
        String configured = System.getenv("AMQP_URL");
        if (configured != null && !configured.isBlank()) {
            return new Amqp(configured, Source.CONFIGURED, "AMQP_URL (" + URI.create(configured).getHost() + ")");
        }
        if (reachable("127.0.0.1", 5672)) {
            return new Amqp("amqp://guest:guest@127.0.0.1:5672", Source.LOCAL, "RabbitMQ 127.0.0.1:5672");
        }
        if (dockerAvailable()) {
            var container = new RabbitMQContainer("rabbitmq:3.13-management-alpine");
            container.start();
            return new Amqp("amqp://guest:guest@" + container.getHost() + ":" + container.getAmqpPort(),
                    Source.TESTCONTAINERS, "RabbitMQ in Testcontainers (port " + container.getAmqpPort() + ")");
        }
        return embeddedAmqp();
    }

    /** The library's own shutdown hook stops the server and removes its temporary data directory. */
    private static Postgres embeddedPostgres() {
        try {
            var database = EmbeddedDatabase.startThrowaway(freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    database.close();
                } catch (IOException e) {
                    // the JVM is leaving; the library's own hook makes the same attempt
                }
            }));
            return new Postgres("jdbc:postgresql://127.0.0.1:" + database.port() + "/", "postgres", "", Source.EMBEDDED,
                    "embedded (zonky, port " + database.port() + ")");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL", e);
        }
    }

    private static Amqp embeddedAmqp() {
        try {
            int port = freePort();
            // under the module's target/ when there is one (surefire runs in the module): the
            // broker's store may still be closing when the hook deletes it, and `clean` removes what is left
            Path target = Path.of("target");
            Path workDir = Files.isDirectory(target) ? Files.createTempDirectory(target, "test-broker")
                    : Files.createTempDirectory("reelsmith-test-broker");
            var broker = EmbeddedBroker.start(workDir, port);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                deleteQuietly(workDir);
            }));
            return new Amqp(broker.amqpUrl(), Source.EMBEDDED, "embedded Qpid (port " + port + ")");
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded AMQP broker", e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        if (docker == null) {
            try {
                docker = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                docker = false;
            }
        }
        return docker;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind harms nothing
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
