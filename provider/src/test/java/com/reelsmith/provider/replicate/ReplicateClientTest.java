package com.reelsmith.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ReplicateClientTest {

    static final String TOKEN = "r8_secret_token_value";

    final ReplicateStub stub = start();
    final ReplicateClient client = new ReplicateClient(
            new ReplicateSettings(stub.url(), TOKEN, Duration.ofSeconds(2), 0), HttpClient.newHttpClient());

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aPredictionIsCreatedOnTheOfficialModelEndpointWithItsWebhook() throws Exception {
        stub.then(ReplicateStub.Answer.json(201, ReplicateStub.prediction("p1", "starting", null, null)));

        var prediction = client.create("google/nano-banana", Map.of("prompt", "a red sneaker"),
                "https://reelsmith.example/api/webhooks/replicate?job_id=j1");

        var sent = stub.received.get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/models/google/nano-banana/predictions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        var body = JsonMapper.builder().build().readTree(sent.body());
        assertThat(body.path("input").path("prompt").asString()).isEqualTo("a red sneaker");
        assertThat(body.path("webhook").asString()).endsWith("?job_id=j1");
        assertThat(body.path("webhook_events_filter").toString()).isEqualTo("[\"start\",\"completed\"]");
        assertThat(body.has("version")).isFalse();
        assertThat(prediction.id()).isEqualTo("p1");
        assertThat(prediction.isTerminal()).isFalse();
        assertThat(prediction.progressPercent()).isEqualTo(5);
    }

    @Test
    void withoutAWebhookTheBodyHasNoWebhookFields() throws Exception {
        stub.then(ReplicateStub.Answer.json(201, ReplicateStub.prediction("p2", "starting", null, null)));

        client.create("kwaivgi/kling-v2.1", Map.of("prompt", "x"), null);

        var body = JsonMapper.builder().build().readTree(stub.received.get(0).body());
        assertThat(body.has("webhook")).isFalse();
        assertThat(body.has("webhook_events_filter")).isFalse();
    }

    @Test
    void readingAndCancelingUseThePredictionPaths() {
        stub.then(ReplicateStub.Answer.json(200, ReplicateStub.prediction("p3", "processing", null, null)))
                .then(ReplicateStub.Answer.json(200, ReplicateStub.prediction("p3", "canceled", null, null)));

        var read = client.get("p3");
        var canceled = client.cancel("p3");

        assertThat(stub.received.get(0).path()).isEqualTo("/v1/predictions/p3");
        assertThat(stub.received.get(1).method()).isEqualTo("POST");
        assertThat(stub.received.get(1).path()).isEqualTo("/v1/predictions/p3/cancel");
        assertThat(read.progressPercent()).as("40% printed in the logs").isEqualTo(40);
        assertThat(canceled.isTerminal()).isTrue();
        assertThat(canceled.failure().retryable()).isFalse();
    }

    @Test
    void outputMayBeOneUrlOrAListAndAbortedIsTerminalAndRetryable() {
        stub.then(ReplicateStub.Answer.json(200, ReplicateStub.prediction("a", "succeeded", "\"https://replicate.delivery/a.png\"", null)))
                .then(ReplicateStub.Answer.json(200, ReplicateStub.prediction("b", "succeeded", "[\"https://replicate.delivery/b.mp4\"]", null)))
                .then(ReplicateStub.Answer.json(200, ReplicateStub.prediction("c", "aborted", null, null)));

        assertThat(client.get("a").output()).containsExactly("https://replicate.delivery/a.png");
        assertThat(client.get("b").output()).containsExactly("https://replicate.delivery/b.mp4");
        var aborted = client.get("c");
        assertThat(aborted.isTerminal()).isTrue();
        assertThat(aborted.failure().code()).isEqualTo("provider_aborted");
        assertThat(aborted.failure().retryable()).isTrue();
    }

    @Test
    void aFailedPredictionIsClassifiedForTheUser() {
        stub.then(ReplicateStub.Answer.json(200, ReplicateStub.prediction("n", "failed", null, "NSFW content detected")))
                .then(ReplicateStub.Answer.json(200, ReplicateStub.prediction("g", "failed", null, "CUDA out of memory")));

        var nsfw = client.get("n").failure();
        var crash = client.get("g").failure();

        assertThat(nsfw.code()).isEqualTo("content_rejected");
        assertThat(nsfw.retryable()).isFalse();
        assertThat(crash.code()).isEqualTo("provider_failed");
        assertThat(crash.retryable()).isTrue();
    }

    @Test
    void aThrottledCallIsRetryableAfterTheTimeReplicateGives() {
        stub.then(new ReplicateStub.Answer(429, Map.of("Retry-After", "30", "Content-Type", "application/json"),
                        "{\"detail\": \"Request was throttled.\"}".getBytes()))
                .then(ReplicateStub.Answer.json(429, "{\"detail\": \"Request was throttled. Your rate limit resets in ~12s.\"}"))
                .then(ReplicateStub.Answer.json(429, "{\"detail\": \"throttled\", \"retry_after\": 7.2}"));

        for (long expected : new long[] {30, 12, 8}) {
            assertThatThrownBy(() -> client.create("google/nano-banana", Map.of("prompt", "x"), null))
                    .isInstanceOfSatisfying(ReplicateException.class, e -> {
                        assertThat(e.code()).isEqualTo("provider_rate_limited");
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(expected));
                    });
        }
    }

    @Test
    void serverErrorsAndSilenceAreRetryableInputErrorsAreNot() {
        stub.then(ReplicateStub.Answer.json(503, "{\"detail\": \"unavailable\"}"))
                .then(ReplicateStub.Answer.json(422, "{\"title\": \"Input validation failed\", \"detail\": \"aspect_ratio: 7:5 is not one of ...\"}"));

        assertThatThrownBy(() -> client.get("x")).isInstanceOfSatisfying(ReplicateException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.httpStatus()).isEqualTo(503);
        });
        assertThatThrownBy(() -> client.create("google/nano-banana", Map.of("prompt", "x"), null))
                .isInstanceOfSatisfying(ReplicateException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_input");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("aspect_ratio: 7:5");
                });
        stub.close();
        assertThatThrownBy(() -> client.get("x")).isInstanceOfSatisfying(ReplicateException.class,
                e -> assertThat(e.retryable()).as("connection refused").isTrue());
    }

    @Test
    void aRefusedTokenIsFinalAndTheTokenAppearsNowhere() {
        stub.then(ReplicateStub.Answer.json(401, "{\"detail\": \"Invalid token " + TOKEN + "\"}"));

        assertThatThrownBy(() -> client.get("x")).isInstanceOfSatisfying(ReplicateException.class, e -> {
            assertThat(e.code()).isEqualTo("provider_auth_failed");
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).doesNotContain(TOKEN);
        });
        assertThat(new ReplicateSettings(stub.url(), TOKEN, null, 0).toString()).doesNotContain(TOKEN);
    }

    @Test
    void theWebhookSecretComesFromTheDefaultWebhookEndpoint() {
        stub.then(ReplicateStub.Answer.json(200, "{\"key\": \"whsec_c2VjcmV0\"}"));

        assertThat(client.webhookSigningSecret()).isEqualTo("whsec_c2VjcmV0");
        assertThat(stub.received.get(0).path()).isEqualTo("/v1/webhooks/default/secret");
    }

    private static ReplicateStub start() {
        try {
            return new ReplicateStub();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
