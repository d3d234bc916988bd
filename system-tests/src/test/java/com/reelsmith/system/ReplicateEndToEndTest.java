package com.reelsmith.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.FakeReplicate;
import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Replicate issue's "done when": the three jars with PROVIDER=replicate, pointed at a local
 * server speaking Replicate's protocol, turn a prompt into a video through nano-banana then
 * kling, completed by signed webhooks, with the outputs kept and served by Reelsmith.
 */
class ReplicateEndToEndTest {

    static final String ADMIN_KEY = "sk_replicatee2eadmin_" + "B".repeat(40);
    static final String TOKEN = "r8_e2e_token";
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("e2e webhook signing key".getBytes());

    @Test
    void aPromptOnlyVideoIsMadeByBothModelsCompletedByWebhooksAndServedByReelsmith() throws Exception {
        TestDatabase db = TestDatabase.createEmpty();
        TestBroker broker = TestBroker.withFreshPrefix();
        Path work = Files.createTempDirectory("reelsmith-replicate-e2e");
        Map<String, String> env = new HashMap<>(Map.of(
                "DATABASE_URL", db.url(), "DATABASE_USER", db.user(), "DATABASE_PASSWORD", db.password(),
                "AMQP_URL", broker.amqpUrl(), "AMQP_PREFIX", broker.prefix(), "MEDIA_DIR", work.resolve("media").toString(),
                "ADMIN_API_KEY", ADMIN_KEY, "PROVIDER", "replicate", "REPLICATE_API_TOKEN", TOKEN,
                "REPLICATE_WEBHOOK_SECRET", SECRET));
        try (var replicate = new FakeReplicate(TOKEN, SECRET, Duration.ofSeconds(1))) {
            env.put("REPLICATE_BASE_URL", replicate.url().toString());
            try (var gateway = ServiceProcess.start("api-gateway", env, "SERVER_PORT", work)) {
                env.put("PUBLIC_BASE_URL", gateway.baseUrl());
                try (var images = ServiceProcess.start("image-worker", env, "WORKER_PORT", work);
                     var videos = ServiceProcess.start("video-worker", env, "WORKER_PORT", work)) {
                    gateway.awaitHealthy(Duration.ofSeconds(120));
                    images.awaitHealthy(Duration.ofSeconds(120));
                    videos.awaitHealthy(Duration.ofSeconds(120));
                    var api = new Api(gateway.baseUrl());
                    String client = api.post("/api/v2/clients", ADMIN_KEY, "{\"name\": \"Acme\"}").json().get("id").asString();
                    String key = api.post("/api/v2/clients/" + client + "/api-keys", ADMIN_KEY, "{}").json().get("api_key").asString();
                    String campaign = api.post("/api/v2/campaigns", key, "{\"name\": \"Launch\"}").json().get("id").asString();

                    var accepted = api.post("/api/v2/generate/video", key,
                            "{\"campaign_id\": \"" + campaign + "\", \"prompt\": \"a red sneaker on a beach\"}");
                    assertThat(accepted.json().get("estimated_cost_usd").decimalValue()).isEqualByComparingTo("0.289");
                    JsonNode job = api.awaitFinished(accepted.json().get("job_id").asString(), key, Duration.ofSeconds(90));

                    assertThat(job.get("status").asString()).as(job + "\n" + images.tail() + "\n" + videos.tail())
                            .isEqualTo("succeeded");
                    String childId = job.get("children").get(0).get("id").asString();
                    var created = replicate.created();
                    assertThat(created).extracting(FakeReplicate.Created::model)
                            .containsExactly("google/nano-banana", "kwaivgi/kling-v2.1");
                    assertThat(created.get(0).webhook()).isEqualTo(gateway.baseUrl() + "/api/webhooks/replicate?job_id=" + childId);
                    assertThat(created.get(1).input().path("start_image").asString())
                            .as("kling starts from the image nano-banana made, by its still-fresh URL")
                            .isEqualTo(replicate.url() + "/files/" + created.get(0).id() + ".png");
                    assertThat(replicate.webhooksDelivered()).as("signed webhooks accepted").isGreaterThanOrEqualTo(2);

                    replicate.expireOutputs(); // Replicate's URLs die after an hour; Reelsmith kept its copy
                    var video = api.get(job.get("result").get("data_url").asString(), null);
                    assertThat(video.status()).isEqualTo(200);
                    assertThat(new String(video.bytes(), 4, 4)).isEqualTo("ftyp");
                    // each job carries its own cost: the video's seconds of kling, its child the nano-banana image
                    assertThat(new BigDecimal(job.get("cost_usd").asString())).isEqualByComparingTo("0.25");
                    assertThat(new BigDecimal(job.get("children").get(0).get("cost_usd").asString()))
                            .isEqualByComparingTo("0.039");
                    assertThat(gateway.output()).contains("handed_to_worker");
                }
            }
        }
    }
}
