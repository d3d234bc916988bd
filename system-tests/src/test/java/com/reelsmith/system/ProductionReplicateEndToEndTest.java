package com.reelsmith.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.FakeReplicate;
import com.reelsmith.testing.RequiresBundledFfmpeg;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The production issue's Replicate "done when": gateway, image and video workers and the studio
 * worker as separate jars with PROVIDER=replicate, pointed at a local server speaking Replicate's
 * protocol. Every scene's keyframe (nano-banana) and clip (kling) is a prediction completed by a
 * signed webhook to the gateway; so is the music bed, a musicgen prediction the production job
 * parks on before assembly (the webhook hands the production back to the studio worker).
 */
@RequiresBundledFfmpeg("the studio worker assembles the ad")
class ProductionReplicateEndToEndTest {

    static final String ADMIN_KEY = "sk_productionreplicateadmin_" + "R".repeat(40);
    static final String TOKEN = "r8_production_token";
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("production webhook key".getBytes());

    @Test
    void anApprovedStoryboardBecomesAnAdFromReplicatePredictions() throws Exception {
        try (var replicate = new FakeReplicate(TOKEN, SECRET, Duration.ofSeconds(1));
             var system = RunningSystem.start(ADMIN_KEY, Map.of("PROVIDER", "replicate", "REPLICATE_API_TOKEN", TOKEN,
                     "REPLICATE_WEBHOOK_SECRET", SECRET, "REPLICATE_BASE_URL", replicate.url().toString(),
                     "PLANNER", "local"), Map.of(), Map.of(), true);
             var studio = ServiceProcess.start("studio-worker", system.envWith(Map.of()), "WORKER_PORT", system.workDir)
                     .awaitHealthy(RunningSystem.START_TIMEOUT)) {
            var api = system.api;
            var tenant = system.signUp("Stride Labs");
            String key = tenant.key();
            var brief = api.post("/api/v2/campaigns/" + tenant.campaignId() + "/briefs", key, """
                    {"text": "Stride Labs launches the Aero 2 running sneaker. A runner's first step off the curb turns into flight.",
                     "product": "Aero 2 sneaker", "platform": "custom", "duration_s": 25, "aspect_ratio": "16:9",
                     "call_to_action": "Shop the drop"}""");
            assertThat(brief.status()).as(brief.json().toString()).isEqualTo(202);
            JsonNode plan = api.awaitFinished(brief.json().get("job_id").asString(), key, Duration.ofMinutes(2));
            assertThat(plan.get("status").asString()).as(plan.toString()).isEqualTo("succeeded");
            String storyboard = plan.get("links").get("storyboard").asString().replace("/api/v2/storyboards/", "");
            assertThat(api.post("/api/v2/storyboards/" + storyboard + "/submit", key, "{}").status()).isEqualTo(200);
            assertThat(api.post("/api/v2/storyboards/" + storyboard + "/approve", key, "{\"version\": 1}").status())
                    .isEqualTo(200);

            long started = System.nanoTime();
            var produced = api.post("/api/v2/storyboards/" + storyboard + "/produce", key, "{}");
            assertThat(produced.status()).as(produced.json().toString()).isEqualTo(202);
            JsonNode finished = api.awaitFinished(produced.json().get("job_id").asString(), key, Duration.ofMinutes(10));
            System.out.printf("PRODUCTION on the Replicate fake of %d scenes: %d s%n",
                    finished.path("scenes_total").asInt(), (System.nanoTime() - started) / 1_000_000_000);

            assertThat(finished.get("status").asString())
                    .as(finished + system.tails() + "\n--- studio-worker:\n" + studio.tail()).isEqualTo("succeeded");
            int scenes = finished.get("scenes_total").asInt();
            assertThat(scenes).as("the local planner makes 6 scenes of a 25 s brief").isEqualTo(6);
            var models = replicate.created().stream().map(FakeReplicate.Created::model).toList();
            assertThat(models.stream().filter("google/nano-banana"::equals).count()).as("a keyframe per scene: " + models)
                    .isEqualTo(scenes);
            assertThat(models.stream().filter("kwaivgi/kling-v2.1"::equals).count()).as("a clip per scene: " + models)
                    .isEqualTo(scenes);
            var music = replicate.created().stream().filter(c -> c.model().equals("meta/musicgen")).toList();
            assertThat(music).as("one music bed").hasSize(1);
            assertThat(replicate.created().stream()
                    .allMatch(c -> c.webhook() != null && c.webhook().startsWith(system.gateway.baseUrl())))
                    .as("keyframes, clips and the music name the gateway's webhook").isTrue();
            assertThat(replicate.webhooksDelivered()).as("signed webhooks accepted").isGreaterThanOrEqualTo(2 * scenes + 1);
            assertThat(replicate.webhooksDelivered("meta/musicgen")).as("the music's webhook accepted").isEqualTo(1);
            // the webhook found the production waiting on the music prediction and handed it back to the studio worker
            assertThat(system.gateway.output()).contains("for prediction " + music.get(0).id() + ": handed_to_worker");
            assertThat(replicate.gets("meta/musicgen")).as("the music prediction read once it was handed back, not polled")
                    .isLessThanOrEqualTo(2);

            String adId = finished.get("links").get("ad").asString().replace("/api/v2/ads/", "");
            var ad = api.get("/api/v2/ads/" + adId, key);
            assertThat(ad.status()).isEqualTo(200);
            assertThat(ad.json().get("music").asString()).isEqualTo("replicate:meta/musicgen");
            var production = api.get("/api/v2/jobs/" + produced.json().get("job_id").asString(), key).json();
            assertThat(new java.math.BigDecimal(production.get("cost_usd").asString()))
                    .as("the production is charged for its music: the fake's 1.5 s of predict time at 0.0014 USD")
                    .isEqualByComparingTo("0.0021");
            var bytes = api.get(ad.json().get("data_url").asString(), null);
            assertThat(new String(bytes.bytes(), 4, 4)).isEqualTo("ftyp");
        }
    }
}
