package com.reelsmith.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One service jar running as its own process, as `java -jar` would run it for a user. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final int healthPort;

    private ServiceProcess(String name, Process process, Path log, int port, int healthPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.healthPort = healthPort;
    }

    static ServiceProcess start(String module, Map<String, String> env, String portVariable, Path logDir) throws IOException {
        return start(module, jar(module, module + ".jar"), env, portVariable, logDir, List.of("-Xmx384m"), List.of());
    }

    static Path jar(String module, String name) {
        Path jar = Path.of(System.getProperty("reelsmith.repo", ".."), module, "target", name).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build from the repository root (./mvnw verify)");
        }
        return jar;
    }

    /** {@code env} entries with a null value are removed from the inherited environment. */
    static ServiceProcess start(String name, Path jar, Map<String, String> env, String portVariable, Path logDir,
                                List<String> jvmOptions, List<String> args) throws IOException {
        int port = freePort();
        // the gateway (and the standalone mode, which runs it) serves actuator on MANAGEMENT_PORT;
        // a worker serves its health on WORKER_PORT, its only port
        boolean gateway = "SERVER_PORT".equals(portVariable);
        int healthPort = gateway ? freePort() : port;
        Path log = logDir.resolve(name + "-" + port + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(javaBin()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(args);
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        builder.environment().put(portVariable, String.valueOf(port));
        if (gateway) {
            builder.environment().put("MANAGEMENT_PORT", String.valueOf(healthPort));
        }
        return new ServiceProcess(name, builder.start(), log, port, healthPort);
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory of the process, from /proc (Linux), in KiB; -1 elsewhere. */
    long residentKib() throws IOException {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        if (!Files.exists(status)) {
            return -1;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
    }

    /** SIGTERM, as Ctrl-C or a service manager would stop it; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not stop within 60 s");
        }
        return process.exitValue();
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still running after " + timeout);
        }
        return process.exitValue();
    }

    int port() {
        return port;
    }

    /** Where actuator answers: the gateway's management port, a worker's only port. */
    int healthPort() {
        return healthPort;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until /actuator/health (on the management port for a gateway) says UP (database and broker reachable). */
    ServiceProcess awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                // a health check that hangs (a broker that stopped answering) is a "not yet", not a wait without end
                var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/actuator/health"))
                                .timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"")) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not healthy within " + timeout + ":\n" + tail());
    }

    /** Waits until the process has printed {@code text}. */
    ServiceProcess awaitOutput(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return this;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " never printed '" + text + "' within " + timeout + ":\n" + tail());
    }

    /** kill -9: no shutdown hook, no clean-up, like a crashed machine. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A port below the kernel's ephemeral range (32768-60999 here): a port the kernel handed out
     * (ServerSocket(0)) may be taken a moment later as the local end of one of the thousands of
     * client connections the fault suite makes, and the service then fails to bind it.
     */
    private static int freePort() throws IOException {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        for (int tries = 0; tries < 200; tries++) {
            int candidate = 20_000 + random.nextInt(12_000);
            try (var socket = new ServerSocket(candidate)) {
                socket.setReuseAddress(true);
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port found between 20000 and 32000");
    }
}
