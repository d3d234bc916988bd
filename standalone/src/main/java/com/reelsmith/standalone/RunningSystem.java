package com.reelsmith.standalone;

import com.reelsmith.embedded.EmbeddedBroker;
import com.reelsmith.embedded.EmbeddedDatabase;
import com.reelsmith.gateway.GatewayApplication;
import com.reelsmith.imageworker.ImageWorkerApplication;
import com.reelsmith.migrations.Migrations;
import com.reelsmith.studioworker.StudioWorkerApplication;
import com.reelsmith.videoworker.VideoWorkerApplication;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The started system: data folder (locked), database, broker, then the gateway and the image,
 * video and studio workers as four Spring contexts in this JVM, talking over JDBC and AMQP exactly as when
 * they run apart. Closed in reverse: services first (in-flight work finishes or stays leased in
 * Postgres), then the broker, then the database, then the folder lock.
 */
final class RunningSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningSystem.class);

    private final List<AutoCloseable> stopOrder = new ArrayList<>();
    private final StandaloneSettings settings;
    private final String adminKey;
    private final boolean firstStart;
    private final DataFolder folder;
    private Demo demo;
    private boolean closed;

    private RunningSystem(StandaloneSettings settings, DataFolder folder, String adminKey, boolean firstStart) {
        this.settings = settings;
        this.folder = folder;
        this.adminKey = adminKey;
        this.firstStart = firstStart;
    }

    static RunningSystem start(StandaloneSettings settings) throws Exception {
        long t0 = System.nanoTime();
        DataFolder folder = DataFolder.open(settings.dataFolder());
        boolean firstStart = !Files.exists(folder.resolve("started"));
        String adminKey = settings.adminApiKey() != null ? settings.adminApiKey()
                : folder.readOrCreate("admin-api-key", RunningSystem::newAdminKey);
        RunningSystem system = new RunningSystem(settings, folder, adminKey, firstStart);
        try {
            system.startAll();
        } catch (Exception e) {
            system.close();
            throw e;
        }
        Files.writeString(folder.resolve("started"), "");
        log.info("Reelsmith standalone started in {} ms", (System.nanoTime() - t0) / 1_000_000);
        return system;
    }

    private void startAll() throws Exception {
        String databaseUrl = settings.databaseUrl();
        String user = settings.databaseUser();
        String password = settings.databasePassword();
        if (databaseUrl == null) {
            var database = EmbeddedDatabase.start(folder.resolve("postgres"), freePort());
            stopOrder.add(0, database);
            databaseUrl = database.jdbcUrl();
            user = "postgres";
            password = "";
        }
        Migrations.migrate(databaseUrl, user, password);
        String amqpUrl = settings.amqpUrl();
        boolean rabbitmq = amqpUrl != null; // an AMQP_URL names a RabbitMQ; the embedded broker is not one
        if (amqpUrl == null) {
            var broker = EmbeddedBroker.start(folder.resolve("broker"), freePort());
            stopOrder.add(0, broker);
            amqpUrl = broker.amqpUrl();
        }
        List<String> common = List.of(
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--spring.rabbitmq.addresses=" + amqpUrl,
                "--reelsmith.amqp.prefix=" + settings.amqpPrefix(),
                "--reelsmith.amqp.rabbitmq-features=" + rabbitmq,
                "--reelsmith.media.dir=" + folder.resolve("media").toAbsolutePath(),
                "--reelsmith.schema.migrate=false",
                // the embedded broker logs every (idempotent) re-declaration at INFO: keep its warnings only
                "--logging.level.qpid=WARN");
        start(GatewayApplication.application(), common, "--server.port=" + settings.serverPort(),
                "--management.server.port=" + settings.managementPort(),
                "--reelsmith.auth.admin-api-key=" + adminKey);
        start(ImageWorkerApplication.application(), common, "--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off");
        start(VideoWorkerApplication.application(), common, "--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off");
        start(StudioWorkerApplication.application(), common, "--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off");
        if (settings.demo()) {
            demo = Demo.ensure(folder, baseUrl(), adminKey);
        }
    }

    private void start(SpringApplicationBuilder application, List<String> common, String... own) {
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of(own));
        ConfigurableApplicationContext context = application.registerShutdownHook(false).run(args.toArray(String[]::new));
        stopOrder.add(0, context::close);
    }

    String baseUrl() {
        return "http://localhost:" + settings.serverPort();
    }

    void printWelcome(PrintStream out) {
        out.println();
        out.println("Reelsmith is running at " + baseUrl() + "   (API docs: " + baseUrl() + "/swagger-ui.html)");
        out.println("Open the console in a browser: " + baseUrl() + "/console/   (sign in with an API key shown here)");
        out.println("Everything is kept in " + folder.root().toAbsolutePath() + "; Ctrl-C stops it.");
        if (firstStart && settings.adminApiKey() == null) {
            out.println("Admin API key (shown this once; it is also in " + folder.resolve("admin-api-key") + "):");
            out.println("  " + adminKey);
        }
        if (demo != null) {
            out.println("Demo client key: " + demo.clientKey() + "   demo campaign: " + demo.campaignId());
            out.println("  (paste it into the console at " + baseUrl() + "/console/ to review storyboards and watch videos;");
            out.println("   or use the API directly:)");
            out.println("Generate a video now:");
            out.println("  curl -s -X POST " + baseUrl() + "/api/v2/generate/video -H 'Authorization: Bearer "
                    + demo.clientKey() + "' -H 'Content-Type: application/json' -d '{\"campaign_id\": \""
                    + demo.campaignId() + "\", \"prompt\": \"A red sneaker on a beach at sunset\"}'");
            out.println("then poll the job's links.self until \"succeeded\" and open result.data_url in a browser.");
            out.println("Plan a storyboard from a brief (offline planner), then review it at links.storyboard of the brief:");
            out.println("  curl -s -X POST " + baseUrl() + "/api/v2/campaigns/" + demo.campaignId() + "/briefs -H 'Authorization: Bearer "
                    + demo.clientKey() + "' -H 'Content-Type: application/json' -d '{\"text\": \"Launch of the Aero 2 running"
                    + " sneaker: a first step off the curb turns into flight.\", \"product\": \"Aero 2 sneaker\", \"platform\":"
                    + " \"tiktok\", \"call_to_action\": \"Tap to shop the drop\"}'");
            out.println("Submit and approve it (POST /api/v2/storyboards/{id}/submit, then /approve with {\"version\": n}),");
            out.println("then produce the ad (poll the job until succeeded; links.ad has the ad and its data_url):");
            out.println("  curl -s -X POST " + baseUrl() + "/api/v2/storyboards/<storyboard>/produce -H 'Authorization: Bearer "
                    + demo.clientKey() + "'");
        } else if (firstStart) {
            out.println("Start with --demo (or REELSMITH_DEMO=true) for a ready client, key, campaign and curl line,");
            out.println("or make them yourself: POST /api/v2/clients, /api/v2/clients/{id}/api-keys, /api/v2/campaigns (see README).");
        }
        out.println();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable part : stopOrder) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.getMessage());
            }
        }
        try {
            folder.close();
        } catch (IOException e) {
            log.warn("while releasing the data folder: {}", e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String newAdminKey() {
        var random = new SecureRandom();
        String lower = "abcdefghijklmnopqrstuvwxyz0123456789";
        String mixed = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + lower;
        var key = new StringBuilder("sk_");
        for (int i = 0; i < 12; i++) {
            key.append(lower.charAt(random.nextInt(lower.length())));
        }
        key.append('_');
        for (int i = 0; i < 40; i++) {
            key.append(mixed.charAt(random.nextInt(mixed.length())));
        }
        return key.toString();
    }
}
