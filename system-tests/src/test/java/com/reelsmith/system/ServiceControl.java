package com.reelsmith.system;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the machine's own RabbitMQ and PostgreSQL, as an operator would. Only where
 * they are local services with their tools installed (this project's machines); elsewhere (a
 * Testcontainers machine) the destructive cases are skipped with a message saying why.
 */
final class ServiceControl {

    private ServiceControl() {
    }

    static void assumeRabbitmqctl(java.net.URI amqp) {
        assumeOutagesWanted();
        assumeTrue(onPath("rabbitmqctl") && local(amqp.getHost()) && (amqp.getPort() == -1 || amqp.getPort() == 5672),
                "rabbitmqctl is not installed, or the broker (" + amqp.getHost() + ") is not this machine's: RabbitMQ outage case skipped");
    }

    static void assumePgCtlcluster(String jdbcUrl) {
        assumeOutagesWanted();
        var uri = java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
        String host = uri.getHost();
        assumeTrue(onPath("pg_ctlcluster") && Files.isDirectory(Path.of("/etc/postgresql")) && local(host)
                        && (uri.getPort() == -1 || uri.getPort() == 5432),
                "pg_ctlcluster is not installed, or the database (" + host + ") is not this machine's: PostgreSQL restart case skipped");
    }

    /** {@code -Dreelsmith.fault.outages=skip}: leave the shared services alone (while developing other cases). */
    private static void assumeOutagesWanted() {
        assumeTrue(!"skip".equals(System.getProperty("reelsmith.fault.outages")),
                "outage cases skipped (-Dreelsmith.fault.outages=skip)");
    }

    private static boolean local(String host) {
        // a Testcontainers service is on localhost too, but on a mapped port: only the standard ones are the machine's
        return "127.0.0.1".equals(host) || "localhost".equals(host);
    }

    static void rabbitmq(String action) throws Exception {
        run(List.of("rabbitmqctl", "-q", action));
    }

    static void postgres(String action) throws Exception {
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            String version = versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElseThrow();
            run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action));
        }
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within 60 s");
        }
        String output = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command + " exited with " + p.exitValue() + ": " + output);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/usr/bin", tool));
    }
}
