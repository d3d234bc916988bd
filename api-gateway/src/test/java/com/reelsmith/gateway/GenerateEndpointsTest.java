package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.EventTap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Asking for generation: a 202 means the job and its command are committed together; bad asks change nothing. */
class GenerateEndpointsTest extends GatewayIntegrationTest {

    Tenant tenant;
    UUID campaign;

    @BeforeEach
    void aCampaign() {
        tenant = newTenant("Generate Co");
        campaign = newCampaign(tenant, "launch");
    }

    @Test
    void anImageRequestIsAcceptedWithItsJobAndCommandCommittedTogether() {
        var reply = as(tenant).post("/api/v2/generate/image",
                Map.of("campaign_id", campaign, "prompt", "a red sneaker", "aspect_ratio", "16:9", "seed", 7));

        assertThat(reply.status()).as("%s", reply).isEqualTo(202);
        UUID jobId = UUID.fromString(reply.json().path("job_id").asString());
        assertThat(reply.json().path("kind").asString()).isEqualTo("image");
        assertThat(reply.json().path("status").asString()).isEqualTo("queued");
        assertThat(reply.json().path("estimated_cost_usd").decimalValue()).isZero(); // the local provider is free
        assertThat(reply.json().path("links").path("self").asString()).isEqualTo("/api/v2/jobs/" + jobId);
        assertThat(reply.header("Location")).isEqualTo("/api/v2/jobs/" + jobId);

        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from jobs where id = ? and status = 'queued' "
                + "and input = cast(? as jsonb)", jobId,
                "{\"prompt\": \"a red sneaker\", \"aspect_ratio\": \"16:9\", \"output_format\": \"png\", \"reference\": null, \"seed\": 7,"
                        + " \"effective_prompt\": \"a red sneaker\"}"))
                .as("the job input is the workers' contract").isEqualTo(1);
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from outbox where routing_key = 'image.generate' "
                + "and payload->>'job_id' = ?", jobId.toString())).isEqualTo(1);
        try (var commands = EventTap.reading(BROKER, BROKER.prefix() + ".image-worker.commands")) {
            assertThat(commands.drain(2_000)).as("the command reached the worker queue on RabbitMQ")
                    .anySatisfy(m -> assertThat(m.body()).contains(jobId.toString()));
        }
    }

    @Test
    void aVideoWithoutAStartFrameIsAcceptedAndAReferenceMustBeTheClientsOwn() {
        var other = newTenant("Other Co");
        var othersAsset = as(other).upload("/api/v2/campaigns/" + newCampaign(other, "x") + "/assets", "a.png", "image/png",
                png(32, 32));

        var video = as(tenant).post("/api/v2/generate/video", Map.of("campaign_id", campaign, "prompt", "a slow pan"));
        var withOthersAsset = as(tenant).post("/api/v2/generate/video",
                Map.of("campaign_id", campaign, "prompt", "a slow pan", "asset_id", othersAsset.id()));

        assertThat(video.status()).as("%s", video).isEqualTo(202);
        assertThat(withOthersAsset.status()).isEqualTo(404);
        assertThat(withOthersAsset.errorField()).isEqualTo("asset_id");
    }

    @Test
    void badRequestsAreRefusedWithTheFieldAndLeaveNoJobAndNoCommand() {
        long jobs = jobCount();
        long outbox = GatewayEnvironment.queryLong(DB, "select count(*) from outbox");
        String image = "/api/v2/generate/image";
        String video = "/api/v2/generate/video";

        assertRefused(as(tenant).post(image, Map.of("prompt", "x")), 400, "campaign_id");
        assertRefused(as(tenant).post(image, Map.of("campaign_id", campaign)), 400, "prompt");
        assertRefused(as(tenant).post(image, Map.of("campaign_id", campaign, "prompt", "x",
                "image_id", UUID.randomUUID(), "asset_id", UUID.randomUUID())), 400, null);
        assertRefused(as(tenant).post(image, Map.of("campaign_id", campaign, "prompt", "x", "aspect_ratio", "7:5")), 400, "aspect_ratio");
        assertRefused(as(tenant).post(image, Map.of("campaign_id", campaign, "prompt", "x", "output_format", "gif")), 400, "output_format");
        assertRefused(as(tenant).post(video, Map.of("campaign_id", campaign, "prompt", "x", "duration_s", 7)), 400, "duration_s");
        assertRefused(as(tenant).post(video, Map.of("campaign_id", campaign, "prompt", "x", "mode", "ultra")), 400, "mode");
        assertRefused(as(tenant).post(video, Map.of("campaign_id", campaign)), 400, "prompt");
        assertRefused(as(newTenant("Stranger")).post(image, Map.of("campaign_id", campaign, "prompt", "x")), 404, null);

        assertThat(jobCount()).isEqualTo(jobs);
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from outbox")).isEqualTo(outbox);
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheSameJobAndADifferentBodyIsAConflict() {
        Map<String, Object> body = new HashMap<>(Map.of("campaign_id", campaign, "prompt", "same thing twice"));
        var keyed = as(tenant).withHeader("Idempotency-Key", "order-42");

        var first = keyed.post("/api/v2/generate/image", body);
        var again = keyed.post("/api/v2/generate/image", body);
        body.put("idempotency_key", "order-42");
        var inBody = as(tenant).post("/api/v2/generate/image", body);
        body.put("prompt", "something else");
        var different = as(tenant).post("/api/v2/generate/image", body);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("job_id").asString()).isEqualTo(first.json().path("job_id").asString());
        assertThat(inBody.json().path("job_id").asString()).isEqualTo(first.json().path("job_id").asString());
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from jobs where client_id = ? and idempotency_key = 'order-42'",
                tenant.clientId())).isEqualTo(1);
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.errorCode()).isEqualTo("idempotency_key_reused");
    }

    private long jobCount() {
        return GatewayEnvironment.queryLong(DB, "select count(*) from jobs");
    }

    private static void assertRefused(GatewayClient.Reply reply, int status, String field) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
        assertThat(reply.errorCode()).isNotBlank();
        if (field != null) {
            assertThat(reply.errorField()).as("%s", reply).isEqualTo(field);
        }
    }
}
