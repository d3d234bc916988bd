package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.provider.replicate.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Replicate's webhooks as Replicate sends them (signed over the raw body): a genuine one hands
 * the job to its worker once; a forged, stale or repeated one changes nothing.
 */
class ReplicateWebhookTest extends GatewayIntegrationTest {

    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("test webhook signing key".getBytes());

    @DynamicPropertySource
    static void webhookSecret(DynamicPropertyRegistry registry) {
        registry.add("reelsmith.replicate.webhook-secret", () -> SECRET);
    }

    UUID job;
    String predictionId;

    @BeforeEach
    void aJobWaitingForItsPrediction() {
        var tenant = newTenant("Webhook Co");
        var campaign = newCampaign(tenant, "w");
        job = UUID.fromString(as(tenant).post("/api/v2/generate/image",
                java.util.Map.of("campaign_id", campaign, "prompt", "x")).json().path("job_id").asString());
        predictionId = "pred-" + UUID.randomUUID().toString().substring(0, 8);
        // as a worker leaves it after creating the prediction
        GatewayEnvironment.update(DB, "update jobs set status = 'waiting', "
                + "provider = 'replicate', prediction_id = ? where id = ?", predictionId, job);
    }

    @Test
    void aGenuineWebhookHandsTheJobToItsWorkerOnceEvenWhenRetried() throws Exception {
        long commandsBefore = commandsFor(job);
        String body = "{\"id\": \"" + predictionId + "\", \"status\": \"succeeded\", \"output\": \"https://replicate.delivery/x.png\"}";
        String timestamp = String.valueOf(Instant.now().getEpochSecond());

        var first = deliver("msg_" + predictionId, timestamp, body, SECRET);
        var retried = deliver("msg_" + predictionId, timestamp, body, SECRET);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("handed_to_worker");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).contains("duplicate");
        assertThat(commandsFor(job) - commandsBefore).as("one command for the worker").isEqualTo(1);
    }

    @Test
    void aForgedSignatureIsRefusedAndChangesNothing() throws Exception {
        long before = commandsFor(job);
        String forgedSecret = "whsec_" + Base64.getEncoder().encodeToString("not the real key".getBytes());

        var reply = deliver("msg_forged", String.valueOf(Instant.now().getEpochSecond()),
                "{\"id\": \"" + predictionId + "\", \"status\": \"succeeded\"}", forgedSecret);

        assertThat(reply.statusCode()).isEqualTo(401);
        assertThat(reply.body()).contains("invalid_webhook_signature");
        assertThat(commandsFor(job)).isEqualTo(before);
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from processed_messages where consumer = 'gateway.replicate-webhooks' "
                + "and message_id = ?", UUID.nameUUIDFromBytes("replicate:msg_forged".getBytes(StandardCharsets.UTF_8)))).isZero();
    }

    @Test
    void aStaleDeliveryIsRefusedEvenWhenCorrectlySigned() throws Exception {
        long before = commandsFor(job);

        var reply = deliver("msg_stale", String.valueOf(Instant.now().minusSeconds(600).getEpochSecond()),
                "{\"id\": \"" + predictionId + "\", \"status\": \"succeeded\"}", SECRET);

        assertThat(reply.statusCode()).isEqualTo(401);
        assertThat(commandsFor(job)).isEqualTo(before);
    }

    @Test
    void missingHeadersAreRefusedAndAnUnknownPredictionIsAcknowledgedWithoutEffect() throws Exception {
        var bare = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/webhooks/replicate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        var unknown = deliver("msg_unknown", String.valueOf(Instant.now().getEpochSecond()),
                "{\"id\": \"no-such-prediction\", \"status\": \"succeeded\"}", SECRET);

        assertThat(bare.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("unknown_prediction");
    }

    private HttpResponse<String> deliver(String webhookId, String timestamp, String body, String signingSecret)
            throws Exception {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/webhooks/replicate"))
                .header("Content-Type", "application/json")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", WebhookSignature.sign(webhookId, timestamp, raw, signingSecret))
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long commandsFor(UUID jobId) {
        return GatewayEnvironment.queryLong(DB, "select count(*) from outbox where routing_key = 'image.generate' "
                + "and payload->>'job_id' = ?", jobId.toString());
    }
}
