package com.reelsmith.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.provider.VideoFrames;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The "done when", as a test: the three jars, started with environment variables alone
 * against the real PostgreSQL and RabbitMQ, turn a prompt into a playable MP4 through the
 * image-then-video saga; and a worker killed mid-job does not lose the job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreeJarsEndToEndTest {

    static final String ADMIN_KEY = "sk_systemtestadmin_" + "A".repeat(40);

    RunningSystem system;
    Api api;
    String key;
    String campaignId;

    @BeforeAll
    void startTheSystem() throws Exception {
        system = RunningSystem.start(ADMIN_KEY, Map.of("WORKER_LEASE", "4s", "LOCAL_PROVIDER_LATENCY", "0s"));
        api = system.api;
        var tenant = system.signUp("Acme");
        key = tenant.key();
        campaignId = tenant.campaignId();
    }

    @AfterAll
    void stopTheSystem() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aPromptBecomesAPlayableVideoThroughTheImageThenVideoSaga() throws Exception {
        long started = System.nanoTime();
        var accepted = api.post("/api/v2/generate/video", key,
                "{\"campaign_id\": \"" + campaignId + "\", \"prompt\": \"A red sneaker on a beach at sunset\", \"duration_s\": 5}");
        assertThat(accepted.status()).isEqualTo(202);
        String jobId = accepted.json().get("job_id").asString();

        JsonNode job = awaitFinished(jobId, Duration.ofSeconds(120));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("END-TO-END prompt-only video job (local provider): %d ms%n", tookMs);

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("children")).hasSize(1);
        assertThat(job.get("children").get(0).get("kind").asString()).isEqualTo("image");
        assertThat(job.get("children").get(0).get("status").asString()).isEqualTo("succeeded");

        JsonNode result = job.get("result");
        assertThat(result.get("content_type").asString()).isEqualTo("video/mp4");
        var video = api.get(result.get("data_url").asString(), null); // signed link: no key, like a <video> tag
        assertThat(video.status()).isEqualTo(200);
        assertThat(video.raw().headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(new String(video.bytes(), 4, 4)).isEqualTo("ftyp");
        var firstFrame = ImageIO.read(new java.io.ByteArrayInputStream(VideoFrames.firstFramePng(video.bytes())));
        assertThat(firstFrame.getWidth()).isEqualTo(result.get("width").asInt());

        var images = api.get("/api/v2/campaigns/" + campaignId + "/generated-images", key).json().get("items");
        var videos = api.get("/api/v2/campaigns/" + campaignId + "/generated-videos", key).json().get("items");
        assertThat(images.valueStream().map(i -> i.get("job_id").asString()))
                .contains(job.get("children").get(0).get("id").asString());
        assertThat(videos.valueStream().map(v -> v.get("id").asString())).contains(result.get("id").asString());
    }

    @Test
    void aWorkerKilledMidJobLeavesAJobThatAnotherWorkerFinishes() throws Exception {
        // a slow provider, so the job is surely running when the worker dies
        var doomed = system.startImageWorker(Map.of("LOCAL_PROVIDER_LATENCY", "6s"));
        system.imageWorker.close(); // only the doomed worker consumes now
        try {
            var accepted = api.post("/api/v2/generate/image", key,
                    "{\"campaign_id\": \"" + campaignId + "\", \"prompt\": \"crash test\"}");
            String jobId = accepted.json().get("job_id").asString();
            awaitStatus(jobId, "running", Duration.ofSeconds(30));

            doomed.killHard();
            assertThat(api.get("/api/v2/jobs/" + jobId, key).json().get("status").asString()).isEqualTo("running");

            system.imageWorker = system.startImageWorker(Map.of());
            JsonNode job = awaitFinished(jobId, Duration.ofSeconds(90));

            assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
            assertThat(job.get("attempts").asInt()).as("one attempt died with the worker").isEqualTo(2);
            try (var c = DriverManager.getConnection(system.db.url(), system.db.user(), system.db.password());
                 var rs = c.createStatement().executeQuery(
                         "select count(*) from generated_images where job_id = '" + jobId + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("exactly one image recorded").isEqualTo(1);
            }
        } finally {
            doomed.close();
        }
    }

    private JsonNode awaitFinished(String jobId, Duration timeout) throws Exception {
        JsonNode job = api.awaitFinished(jobId, key, timeout);
        if (!Set.of("succeeded", "failed", "canceled").contains(job.get("status").asString())) {
            throw new AssertionError("job " + jobId + " not finished in " + timeout + ": " + job + system.tails());
        }
        return job;
    }

    private void awaitStatus(String jobId, String wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (wanted.equals(api.get("/api/v2/jobs/" + jobId, key).json().get("status").asString())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + " never reached " + wanted);
    }
}
