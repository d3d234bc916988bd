package com.reelsmith.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.FakeReplicate;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Base64;
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
        try (var replicate = new FakeReplicate(TOKEN, SECRET, Duration.ofSeconds(1));
             var system = RunningSystem.start(ADMIN_KEY, Map.of("PROVIDER", "replicate", "REPLICATE_API_TOKEN", TOKEN,
                     "REPLICATE_WEBHOOK_SECRET", SECRET, "REPLICATE_BASE_URL", replicate.url().toString()),
                     Map.of(), Map.of(), true)) {
            var api = system.api;
            var gateway = system.gateway;
            var images = system.imageWorker;
            var videos = system.videoWorker;
            var tenant = system.signUp("Acme");
            String key = tenant.key();
            String campaign = tenant.campaignId();
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
