package com.reelsmith.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.DockerClientFactory;

/**
 * Where the tests find PostgreSQL and RabbitMQ. On this project's machines both run on
 * 127.0.0.1 (or DATABASE_URL / AMQP_URL say where); elsewhere, when Docker runs, Testcontainers
 * starts them once per JVM. Never an in-memory stand-in.
 */
final class TestServices {

    static final String PG_USER = env("DATABASE_USER", "postgres");
    static final String PG_PASSWORD = env("DATABASE_PASSWORD", "");

    private static String serverUrl; // jdbc:postgresql://host:port/
    private static String amqpUrl;
    private static String embeddedAmqpUrl;

    private TestServices() {
    }

    /** The JDBC URL of the server, ending in "/", without a database name. */
    static synchronized String postgresServer() {
        if (serverUrl == null) {
            String configured = System.getenv("DATABASE_URL");
            if (configured != null && !configured.isBlank()) {
                serverUrl = configured.substring(0, configured.lastIndexOf('/') + 1);
            } else if (reachable("127.0.0.1", 5432) || !dockerAvailable()) {
                serverUrl = "jdbc:postgresql://127.0.0.1:5432/";
            } else {
                var container = new PostgreSQLContainer<>("postgres:16-alpine")
                        .withUsername(PG_USER).withPassword("test");
                container.start();
                serverUrl = "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/";
                System.setProperty("reelsmith.test.pg-password", "test");
            }
        }
        return serverUrl;
    }

    static String postgresPassword() {
        return System.getProperty("reelsmith.test.pg-password", PG_PASSWORD);
    }

    static synchronized String amqpUrl() {
        if (amqpUrl == null) {
            String configured = System.getenv("AMQP_URL");
            if (configured != null && !configured.isBlank()) {
                amqpUrl = configured;
            } else if (reachable("127.0.0.1", 5672) || !dockerAvailable()) {
                amqpUrl = "amqp://guest:guest@127.0.0.1:5672";
            } else {
                var container = new RabbitMQContainer("rabbitmq:3.13-management-alpine");
                container.start();
                amqpUrl = "amqp://guest:guest@" + container.getHost() + ":" + container.getAmqpPort();
            }
        }
        return amqpUrl;
    }

    /** One embedded broker per test JVM, in a temporary folder. */
    static synchronized String embeddedAmqpUrl() {
        if (embeddedAmqpUrl == null) {
            try {
                int port;
                try (var socket = new java.net.ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                var broker = com.reelsmith.embedded.EmbeddedBroker.start(
                        java.nio.file.Files.createTempDirectory("reelsmith-test-broker"), port);
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
                embeddedAmqpUrl = broker.amqpUrl();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the embedded broker", e);
            }
        }
        return embeddedAmqpUrl;
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
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static URI amqpUri() {
        return URI.create(amqpUrl());
    }
}
