package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.JobFinished;
import com.reelsmith.model.JobKind;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.testing.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks to clients end to end: a job's end becomes an outbox event, the relay publishes it,
 * the gateway fans it out to the client's endpoints and sends it, signed, to a real HTTP server
 * on 127.0.0.1 (allowed here by configuration), retrying a receiver that is down until it is back.
 */
class ClientWebhooksTest extends GatewayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MAX_ENDPOINTS = 3;

    @DynamicPropertySource
    static void webhooks(DynamicPropertyRegistry registry) {
        registry.add("reelsmith.outbound.allow-private-targets", () -> "true");
        registry.add("reelsmith.webhooks.first-retry", () -> "200ms");
        registry.add("reelsmith.webhooks.max-retry-interval", () -> "500ms");
        registry.add("reelsmith.webhooks.poll-interval", () -> "100ms");
        registry.add("reelsmith.webhooks.max-endpoints-per-client", () -> String.valueOf(MAX_ENDPOINTS));
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void aSucceededJobIsDeliveredSignedTheStandardWebhooksWay() throws Exception {
        try (var receiver = WebhookReceiver.started()) {
            var tenant = newTenant("hooks");
            var endpoint = as(tenant).post("/api/v2/webhook-endpoints",
                    Map.of("url", receiver.url("/hooks"), "event_types", List.of("job.succeeded")));
            assertThat(endpoint.status()).as("%s", endpoint).isEqualTo(201);
            String secret = endpoint.json().path("secret").asString();
            assertThat(secret).startsWith("whsec_");
            assertThat(as(tenant).get("/api/v2/webhook-endpoints/" + endpoint.id()).json().path("secret").isNull())
                    .as("the secret is shown once").isTrue();

            UUID job = finishedJob(tenant, true);

            Eventually.await("the signed delivery", WAIT, () -> !receiver.at("/hooks").isEmpty());
            var delivery = receiver.at("/hooks").get(0);
            assertThat(verifiesAsStandardWebhooks(delivery, secret)).as("signature verifies").isTrue();
            JsonNode body = GatewayClient.JSON.readTree(delivery.body());
            assertThat(body.path("type").asString()).isEqualTo("job.succeeded");
            assertThat(body.path("data").path("id").asString()).isEqualTo(job.toString());
            assertThat(body.path("data").path("status").asString()).isEqualTo("succeeded");
            assertThat(verifiesAsStandardWebhooks(delivery, "whsec_" + Base64.getEncoder().encodeToString(new byte[24])))
                    .as("another secret does not verify").isFalse();

            var log = deliveryLog(tenant, endpoint.id());
            Eventually.await("the log says delivered", WAIT,
                    () -> deliveryLog(tenant, endpoint.id()).path(0).path("status").asString().equals("succeeded"));
            log = deliveryLog(tenant, endpoint.id());
            assertThat(log.size()).isEqualTo(1);
            assertThat(log.path(0).path("attempt_log").path(0).path("status_code").asInt()).isEqualTo(200);
            assertThat(log.path(0).path("event_type").asString()).isEqualTo("job.succeeded");
        }
    }

    @Test
    void aReceiverThatIsDownGetsTheDeliveryWhenItComesBack() {
        try (var receiver = WebhookReceiver.notListening()) {
            var tenant = newTenant("down");
            var endpoint = as(tenant).post("/api/v2/webhook-endpoints",
                    Map.of("url", receiver.url("/later"), "event_types", List.of("job.failed", "job.succeeded")));
            assertThat(endpoint.status()).isEqualTo(201);
            UUID job = finishedJob(tenant, false);

            Eventually.await("two failed attempts while nothing listens", WAIT,
                    () -> deliveryLog(tenant, endpoint.id()).path(0).path("attempt_log").size() >= 2);
            var failing = deliveryLog(tenant, endpoint.id()).path(0);
            assertThat(failing.path("status").asString()).isEqualTo("pending");
            assertThat(failing.path("attempt_log").path(0).path("error").asString()).isNotBlank();

            receiver.answer("/later", 503);
            receiver.start();
            Eventually.await("a 503 recorded", WAIT, () -> receiver.at("/later").size() >= 1);
            receiver.answer("/later", 204);

            Eventually.await("delivered once the receiver is back", WAIT,
                    () -> deliveryLog(tenant, endpoint.id()).path(0).path("status").asString().equals("succeeded"));
            var delivered = deliveryLog(tenant, endpoint.id()).path(0);
            var attempts = delivered.path("attempt_log");
            assertThat(attempts.size()).isGreaterThanOrEqualTo(4);
            assertThat(attempts.path(attempts.size() - 1).path("status_code").asInt()).isEqualTo(204);
            assertThat(delivered.path("attempts").asInt()).isEqualTo(attempts.size());
            var last = receiver.at("/later").get(receiver.at("/later").size() - 1);
            JsonNode body = GatewayClient.JSON.readTree(last.body());
            assertThat(body.path("type").asString()).isEqualTo("job.failed");
            assertThat(body.path("data").path("id").asString()).isEqualTo(job.toString());
            // every attempt carried the same webhook-id: the receiver can deduplicate
            assertThat(receiver.at("/later").stream().map(r -> r.header("webhook-id")).distinct().count()).isEqualTo(1);
        }
    }

    @Test
    void aDeliveryCanBeSentAgainByHand() {
        try (var receiver = WebhookReceiver.started()) {
            var tenant = newTenant("redeliver");
            var endpoint = as(tenant).post("/api/v2/webhook-endpoints",
                    Map.of("url", receiver.url("/again"), "event_types", List.of("job.succeeded")));
            finishedJob(tenant, true);
            Eventually.await("the first delivery", WAIT,
                    () -> deliveryLog(tenant, endpoint.id()).path(0).path("status").asString().equals("succeeded"));
            String deliveryId = deliveryLog(tenant, endpoint.id()).path(0).path("id").asString();

            var again = as(tenant).post("/api/v2/webhook-endpoints/" + endpoint.id() + "/deliveries/" + deliveryId
                    + "/redeliver", Map.of());
            assertThat(again.status()).as("%s", again).isEqualTo(202);

            Eventually.await("the second delivery", WAIT, () -> receiver.at("/again").size() == 2);
            assertThat(receiver.at("/again").get(1).header("webhook-id"))
                    .isEqualTo(receiver.at("/again").get(0).header("webhook-id"));
            var other = newTenant("other");
            assertThat(as(other).post("/api/v2/webhook-endpoints/" + endpoint.id() + "/deliveries/" + deliveryId
                    + "/redeliver", Map.of()).status()).as("another client's endpoint").isEqualTo(404);
        }
    }

    @Test
    void aDeletedEndpointReceivesNothingMore() {
        try (var receiver = WebhookReceiver.started()) {
            receiver.answer("/gone", 500);
            var tenant = newTenant("deleted");
            var endpoint = as(tenant).post("/api/v2/webhook-endpoints",
                    Map.of("url", receiver.url("/gone"), "event_types", List.of("job.succeeded")));
            finishedJob(tenant, true);
            Eventually.await("a failed attempt", WAIT, () -> receiver.at("/gone").size() >= 1);

            assertThat(as(tenant).delete("/api/v2/webhook-endpoints/" + endpoint.id()).status()).isEqualTo(204);
            int seen = receiver.at("/gone").size();
            assertThat(as(tenant).get("/api/v2/webhook-endpoints/" + endpoint.id()).status()).isEqualTo(404);
            assertThat(GatewayEnvironment.queryString(DB,
                    "select status from webhook_deliveries where endpoint_id = ?", endpoint.id())).isEqualTo("canceled");
            finishedJob(tenant, true);
            // several retry intervals (500 ms at most here) pass: nothing more arrives, no delivery is made
            assertThat(Eventually.holdsWithin(Duration.ofSeconds(2), () -> receiver.at("/gone").size() > seen
                    + 1)).isFalse();
            assertThat(receiver.at("/gone").size()).isLessThanOrEqualTo(seen + 1); // one send may have been under way
            assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from webhook_deliveries where endpoint_id = ?",
                    endpoint.id())).isEqualTo(1);
        }
    }

    @Test
    void aCanceledJobIsReportedToItsClientOnly() {
        try (var receiver = WebhookReceiver.started()) {
            var tenant = newTenant("cancel");
            var bystander = newTenant("bystander");
            as(tenant).post("/api/v2/webhook-endpoints",
                    Map.of("url", receiver.url("/mine"), "event_types", List.of("job.canceled")));
            as(bystander).post("/api/v2/webhook-endpoints",
                    Map.of("url", receiver.url("/theirs"), "event_types", List.of("job.canceled")));
            UUID job = queuedJob(tenant);
            assertThat(as(tenant).post("/api/v2/jobs/" + job + "/cancel", Map.of()).status()).isEqualTo(200);
            Eventually.await("the cancel delivered", WAIT, () -> !receiver.at("/mine").isEmpty());
            JsonNode body = GatewayClient.JSON.readTree(receiver.at("/mine").get(0).body());
            assertThat(body.path("type").asString()).isEqualTo("job.canceled");
            assertThat(body.path("data").path("id").asString()).isEqualTo(job.toString());
            assertThat(receiver.at("/theirs")).isEmpty();
        }
    }

    @Test
    void badEndpointsAreRefusedNamingTheField() {
        var tenant = newTenant("bad");
        var noEvents = as(tenant).post("/api/v2/webhook-endpoints", Map.of("url", "http://127.0.0.1:9/hook"));
        assertThat(noEvents.status()).isEqualTo(400);
        assertThat(noEvents.errorField()).isEqualTo("event_types");
        var unknownEvent = as(tenant).post("/api/v2/webhook-endpoints",
                Map.of("url", "http://127.0.0.1:9/hook", "event_types", List.of("job.exploded")));
        assertThat(unknownEvent.status()).isEqualTo(400);
        assertThat(unknownEvent.errorField()).isEqualTo("event_types");
        var ftp = as(tenant).post("/api/v2/webhook-endpoints",
                Map.of("url", "ftp://example.com/hook", "event_types", List.of("job.succeeded")));
        assertThat(ftp.status()).isEqualTo(400);
        assertThat(ftp.errorField()).isEqualTo("url");
        var page = as(tenant).get("/api/v2/webhook-endpoints/" + UUID.randomUUID() + "/deliveries?limit=0");
        assertThat(page.status()).isEqualTo(404);
    }

    /** Beyond the cap: 409 naming it, nothing made; a deleted endpoint frees its place. */
    @Test
    void aClientHasAtMostTheConfiguredNumberOfLiveEndpoints() {
        var tenant = newTenant("many hooks");
        Map<String, Object> body = Map.of("url", "http://127.0.0.1:9/hook", "event_types", List.of("job.succeeded"));
        UUID first = null;
        for (int i = 0; i < MAX_ENDPOINTS; i++) {
            var made = as(tenant).post("/api/v2/webhook-endpoints", body);
            assertThat(made.status()).as("%s", made).isEqualTo(201);
            first = first == null ? made.id() : first;
        }

        var refused = as(tenant).post("/api/v2/webhook-endpoints", body);

        assertThat(refused.status()).as("%s", refused).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("too_many_webhook_endpoints");
        assertThat(refused.json().path("error").path("message").asString()).contains("at most " + MAX_ENDPOINTS);
        assertThat(liveEndpoints(tenant)).isEqualTo(MAX_ENDPOINTS);
        // an admin adding one for the client is held to the same cap
        var byAdmin = admin.post("/api/v2/webhook-endpoints", Map.of("url", "http://127.0.0.1:9/hook",
                "event_types", List.of("job.succeeded"), "client_id", tenant.clientId()));
        assertThat(byAdmin.status()).as("%s", byAdmin).isEqualTo(409);

        assertThat(as(tenant).delete("/api/v2/webhook-endpoints/" + first).status()).isEqualTo(204);
        var again = as(tenant).post("/api/v2/webhook-endpoints", body);
        assertThat(again.status()).as("a deleted endpoint does not count: %s", again).isEqualTo(201);
        assertThat(liveEndpoints(tenant)).isEqualTo(MAX_ENDPOINTS);
    }

    /** Creations at once are counted one after the other: never more than the cap. */
    @Test
    void creationsAtOnceDoNotPassTheCap() throws Exception {
        var tenant = newTenant("racing hooks");
        Map<String, Object> body = Map.of("url", "http://127.0.0.1:9/hook", "event_types", List.of("job.succeeded"));
        int attempts = MAX_ENDPOINTS * 3;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(attempts);
        try {
            var replies = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < attempts; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return as(tenant).post("/api/v2/webhook-endpoints", body).status();
                }));
            }
            start.countDown();
            var statuses = new java.util.ArrayList<Integer>();
            for (var reply : replies) {
                statuses.add(reply.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(MAX_ENDPOINTS);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(attempts - MAX_ENDPOINTS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(liveEndpoints(tenant)).isEqualTo(MAX_ENDPOINTS);
    }

    private static long liveEndpoints(Tenant tenant) {
        return GatewayEnvironment.queryLong(DB,
                "select count(*) from webhook_endpoints where client_id = ? and deleted_at is null", tenant.clientId());
    }

    /** The reference verification of Standard Webhooks, written here from the specification, not from Reelsmith's code. */
    static boolean verifiesAsStandardWebhooks(WebhookReceiver.Received delivery, String secret) throws Exception {
        String id = delivery.header("webhook-id");
        String timestamp = delivery.header("webhook-timestamp");
        String signatures = delivery.header("webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signedContent = id + "." + timestamp + "." + new String(delivery.body(), StandardCharsets.UTF_8);
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(signedContent.getBytes(StandardCharsets.UTF_8)));
        for (String versioned : signatures.split(" ")) {
            String[] parts = versioned.split(",", 2);
            if (parts.length == 2 && parts[0].equals("v1") && java.security.MessageDigest.isEqual(
                    parts[1].getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private JsonNode deliveryLog(Tenant tenant, UUID endpointId) {
        var reply = as(tenant).get("/api/v2/webhook-endpoints/" + endpointId + "/deliveries");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json().path("items");
    }

    /** A job as a worker would leave it: its row finished and its event in the outbox, in one transaction. */
    private UUID finishedJob(Tenant tenant, boolean succeeded) {
        UUID job = queuedJob(tenant);
        transaction.executeWithoutResult(tx -> {
            GatewayEnvironment.update(DB, "update jobs set status = ?, finished_at = now(), error_code = ? where id = ?",
                    succeeded ? "succeeded" : "failed", succeeded ? null : "provider_error", job);
            outbox.publishEvent(succeeded ? JobFinished.succeeded(JobKind.IMAGE, job, job, null, null)
                    : JobFinished.failed(JobKind.IMAGE, job, job, null, "provider_error", "the provider failed"));
        });
        return job;
    }

    private UUID queuedJob(Tenant tenant) {
        UUID campaign = newCampaign(tenant, "webhooks");
        UUID job = UUID.randomUUID();
        GatewayEnvironment.update(DB, """
                insert into jobs (id, client_id, campaign_id, kind, status, input, correlation_id)
                values (?, ?, ?, 'image', 'queued', '{"prompt": "a lamp"}'::jsonb, ?)
                """, job, tenant.clientId(), campaign, job);
        return job;
    }
}
