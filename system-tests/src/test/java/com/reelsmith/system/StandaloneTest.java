package com.reelsmith.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The standalone jar as a newcomer runs it: no PostgreSQL, no RabbitMQ (embedded ones are
 * started), a fresh data folder; jobs run to success, and survive a stop and a start.
 */
class StandaloneTest {

    /**
     * 128 + 15: the JVM ran its shutdown hooks (services, broker, database, folder lock) after
     * SIGTERM and exited by itself; a crash, System.exit(1) or a hook that hangs (stop() then
     * throws after 60 s) would not give it.
     */
    private static final int SIGTERM_EXIT = 143;

    @Test
    void runsJobsAndFindsThemAgainAfterARestartOnTheSameFolder() throws Exception {
        Path work = Files.createTempDirectory("reelsmith-standalone");
        Path data = work.resolve("data");
        Map<String, String> env = new HashMap<>();
        env.put("REELSMITH_DATA", data.toString());
        env.put("DATABASE_URL", null); // whatever this machine has, the standalone mode brings its own
        env.put("AMQP_URL", null);
        env.put("ADMIN_API_KEY", null);
        Path jar = ServiceProcess.jar("standalone", "reelsmith.jar");

        long t0 = System.nanoTime();
        var first = ServiceProcess.start("standalone", jar, env, "SERVER_PORT", work, List.of(), List.of("--demo"));
        String imageJob;
        String videoJob;
        byte[] videoBytes;
        int firstStop;
        try {
            first.awaitOutput("Reelsmith is running", Duration.ofSeconds(180)).awaitHealthy(Duration.ofSeconds(10));
            long coldStartMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(first.output()).contains("Admin API key").contains("Generate a video now:");

            var demo = new Properties();
            try (var in = Files.newBufferedReader(data.resolve("demo.properties"))) {
                demo.load(in);
            }
            String key = demo.getProperty("client_key");
            String campaign = demo.getProperty("campaign_id");
            var api = new Api(first.baseUrl());

            imageJob = api.post("/api/v2/generate/image", key,
                    "{\"campaign_id\": \"" + campaign + "\", \"prompt\": \"a product shot of a watch\"}").json().get("job_id").asString();
            videoJob = api.post("/api/v2/generate/video", key,
                    "{\"campaign_id\": \"" + campaign + "\", \"prompt\": \"a watch on a wrist, slow pan\"}").json().get("job_id").asString();
            assertThat(api.awaitFinished(imageJob, key, Duration.ofSeconds(120)).get("status").asString()).isEqualTo("succeeded");
            JsonNode video = api.awaitFinished(videoJob, key, Duration.ofSeconds(120));
            assertThat(video.get("status").asString()).as(video.toString()).isEqualTo("succeeded");
            videoBytes = api.get(video.get("result").get("data_url").asString(), null).bytes();
            assertThat(new String(videoBytes, 4, 4)).isEqualTo("ftyp");

            // the operator's view of the embedded broker: the same ops call as on RabbitMQ
            String adminKey = Files.readString(data.resolve("admin-api-key")).trim();
            var queues = api.get("/api/v2/ops/queues", adminKey);
            assertThat(queues.status()).as(String.valueOf(queues.json())).isEqualTo(200);
            JsonNode imageQueue = queues.json().get("items").valueStream()
                    .filter(q -> q.get("name").asString().endsWith(".image-worker.commands")).findFirst().orElseThrow();
            assertThat(imageQueue.get("depth").asLong()).as(imageQueue.toString()).isZero(); // both jobs are done
            assertThat(imageQueue.get("consumers").asLong()).as(imageQueue.toString()).isPositive();
            assertThat(imageQueue.get("dead_letter_depth").asLong()).as(imageQueue.toString()).isZero();
            assertThat(imageQueue.get("rates_source").asString()).isEqualTo("gateway");

            long rssKib = first.residentKib();
            System.out.printf("STANDALONE cold start to healthy: %d ms; resident memory after one video job: %d MiB%n",
                    coldStartMs, rssKib / 1024);

            var second = ServiceProcess.start("standalone-twin", jar, env, "SERVER_PORT", work, List.of(), List.of());
            assertThat(second.awaitExit(Duration.ofSeconds(120))).as("a second instance on the same folder refuses").isEqualTo(2);
            assertThat(second.output()).contains("already running on the data folder");
        } finally {
            firstStop = first.stop();
        }
        assertThat(firstStop).as("exit code of the first instance after SIGTERM").isEqualTo(SIGTERM_EXIT);
        assertThat(first.output()).as("a clean stop warns of nothing").doesNotContain("while stopping");

        var again = ServiceProcess.start("standalone", jar, env, "SERVER_PORT", work, List.of(), List.of());
        int againStop;
        try {
            again.awaitOutput("Reelsmith is running", Duration.ofSeconds(180));
            assertThat(again.output()).doesNotContain("Admin API key"); // shown once, on the first start only
            var demo = new Properties();
            try (var in = Files.newBufferedReader(data.resolve("demo.properties"))) {
                demo.load(in);
            }
            var api = new Api(again.baseUrl());
            String key = demo.getProperty("client_key");

            assertThat(api.get("/api/v2/jobs/" + imageJob, key).json().get("status").asString()).isEqualTo("succeeded");
            JsonNode video = api.get("/api/v2/jobs/" + videoJob, key).json();
            assertThat(video.get("status").asString()).isEqualTo("succeeded");
            byte[] afterRestart = api.get(video.get("result").get("data_url").asString(), null).bytes();
            assertThat(sha256(afterRestart)).isEqualTo(sha256(videoBytes));
        } finally {
            againStop = again.stop();
        }
        assertThat(againStop).as("exit code of the second start after SIGTERM").isEqualTo(SIGTERM_EXIT);
    }


    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
