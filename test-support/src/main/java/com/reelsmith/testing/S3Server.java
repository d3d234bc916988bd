package com.reelsmith.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server on a loopback port: s3proxy (Maven Central, pure Java) run from its
 * self-contained jar as a process of its own, with a filesystem backend in a temp folder. Not
 * in-process: its Jetty, Jackson and Guava would meet ours on one classpath. One server per test
 * JVM ({@link #shared()}); tests keep apart by bucket name.
 * <p>
 * The jar comes from {@code reelsmith.s3proxy.jar}, else {@code target/s3proxy/s3proxy.jar} (a module
 * whose tests use it declares maven-dependency-plugin, whose execution in the root pom copies it
 * there), else the local Maven repository.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "reelsmith-test";
    public static final String SECRET_KEY = "reelsmith-test-secret";
    public static final String REGION = "us-east-1";
    private static final String VERSION = "2.6.0";

    private static S3Server shared;

    private final Process process;
    private final int port;
    private final Path log;
    private final Path data;

    private S3Server(Process process, int port, Path log, Path data) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.data = data;
    }

    /** The server of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized S3Server shared() {
        if (shared == null || !shared.process.isAlive()) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the S3 server (s3proxy)", e);
            }
            S3Server started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "s3-server-stop"));
        }
        return shared;
    }

    public static S3Server start() throws IOException {
        Path dir = Files.createTempDirectory("reelsmith-s3");
        Path data = Files.createDirectories(dir.resolve("data"));
        int port = freePort();
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data,
                ""));
        Path log = dir.resolve("s3proxy.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-jar", jar().toString(), "--properties", properties.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var server = new S3Server(process, port, log, data);
        server.awaitListening(Duration.ofSeconds(90));
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Where the server keeps {@code bucket}'s objects (its filesystem backend: one file per object, under its key). */
    public Path bucketDir(String bucket) {
        return data.resolve(bucket);
    }

    private void awaitListening(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("s3proxy exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                sleep(200);
            }
        }
        close();
        throw new IOException("s3proxy not listening within " + timeout + ":\n" + Files.readString(log));
    }

    private static Path jar() {
        String configured = System.getProperty("reelsmith.s3proxy.jar");
        Path copied = Path.of("target", "s3proxy", "s3proxy.jar"); // surefire runs in the module's folder
        Path jar = configured != null ? Path.of(configured)
                : Files.exists(copied) ? copied
                : Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "gaul", "s3proxy", VERSION,
                        "s3proxy-" + VERSION + "-jar-with-dependencies.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies it (maven-dependency-plugin, "
                    + "org.gaul:s3proxy:" + VERSION + ":jar-with-dependencies)");
        }
        return jar;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
