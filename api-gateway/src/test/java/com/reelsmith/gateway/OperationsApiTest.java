package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.reelsmith.model.Routing;
import com.reelsmith.testing.Eventually;
import com.reelsmith.testing.RequiresRabbitMq;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The ops API as an operator uses it, on RabbitMQ: queue depths that follow the work, dead letters
 * drained from the broker into Postgres and replayed once, retries that make new jobs, stuck jobs
 * failed and retried in one call, and every action in the audit. No worker runs here, so commands
 * stay in their queues and depths only grow.
 */
class OperationsApiTest extends GatewayIntegrationTest {

    Tenant tenant;
    UUID campaign;
    Routing routing = new Routing(BROKER.prefix());

    @BeforeEach
    void aCampaign() {
        tenant = newTenant("Ops Co");
        campaign = newCampaign(tenant, "ops");
    }

    @Test
    void onlyAnAdminKeySeesTheOpsApi() {
        for (String path : List.of("/api/v2/ops", "/api/v2/ops/queues", "/api/v2/ops/dead-letters", "/api/v2/ops/audit",
                "/api/v2/ops/jobs/stuck")) {
            assertThat(as(tenant).get(path).status()).as(path).isEqualTo(403);
            assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
            assertThat(admin.get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(as(tenant).post("/api/v2/ops/jobs/retry-stuck", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void aQueuesDepthFollowsTheCommandsSentToItAndTheOutboxEmpties() {
        long before = queue(routing.imageWorkerCommands()).path("depth").asLong();
        submitImage("one");
        submitImage("two");

        Eventually.await("two more commands in the image queue", Duration.ofSeconds(20),
                () -> queue(routing.imageWorkerCommands()).path("depth").asLong() == before + 2);
        JsonNode image = queue(routing.imageWorkerCommands());
        var outbox = admin.get("/api/v2/ops/outbox").json();

        assertThat(image.path("consumers").asLong()).as("no worker in this test").isZero();
        assertThat(image.path("dead_letter_queue").asString()).isEqualTo(routing.imageWorkerCommands() + ".dlq");
        assertThat(image.path("dead_letter_depth").isNumber()).isTrue();
        assertThat(image.path("rates_source").asString()).isEqualTo("gateway");
        assertThat(image.path("publish_per_second").asDouble()).as("commands relayed in the last minute").isPositive();
        assertThat(outbox.path("unpublished").asLong()).isZero();
        var jobs = admin.get("/api/v2/ops/jobs").json().path("by_kind_and_status");
        assertThat(jobs.toString()).contains("\"kind\":\"image\"", "\"status\":\"queued\"");
    }

    @Test
    @RequiresRabbitMq("the gateway drains the broker's own .dlq queues into dead_letters only on RabbitMQ (the embedded broker dead-letters nothing by itself)")
    void aDeadLetterFromTheBrokerIsListedReplayedOnceAndAudited() throws Exception {
        UUID job = submitImage("lost once");
        String body = "{\"message_id\":\"" + UUID.randomUUID() + "\",\"job_id\":\"" + job + "\",\"correlation_id\":\""
                + UUID.randomUUID() + "\",\"occurred_at\":\"2026-01-01T00:00:00Z\",\"type\":\"image.generate\",\"version\":1}";
        String messageId = UUID.randomUUID().toString();
        // as RabbitMQ dead-letters a message past its delivery limit: straight into the .dlq, x-death naming the route
        publishToDeadLetterQueue(messageId, body, Map.of("job_id", job.toString(), "type", "image.generate",
                "x-death", List.of(Map.of("queue", routing.imageWorkerCommands(), "reason", "delivery_limit", "count", 3L,
                        "exchange", routing.commandsExchange(), "routing-keys", List.of(Routing.IMAGE_GENERATE)))));

        JsonNode letter = awaitLetter(messageId);
        assertThat(letter.path("queue").asString()).isEqualTo(routing.imageWorkerCommands());
        assertThat(letter.path("job_id").asString()).isEqualTo(job.toString());
        assertThat(letter.path("reason").asString()).contains("delivery_limit");
        assertThat(letter.path("exchange").asString()).isEqualTo(routing.commandsExchange());
        assertThat(letter.path("routing_key").asString()).isEqualTo(Routing.IMAGE_GENERATE);
        assertThat(letter.path("status").asString()).isEqualTo("new");
        Eventually.await("the drain emptied the .dlq", Duration.ofSeconds(10),
                () -> queue(routing.imageWorkerCommands()).path("dead_letter_depth").asLong() == 0);

        long depthBefore = queue(routing.imageWorkerCommands()).path("depth").asLong();
        long id = letter.path("id").asLong();
        var first = admin.post("/api/v2/ops/dead-letters/" + id + "/replay", Map.of());
        var second = admin.post("/api/v2/ops/dead-letters/" + id + "/replay", Map.of());

        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.json().path("outcome").asString()).isEqualTo("replayed");
        assertThat(first.json().path("replayed_now").asBoolean()).isTrue();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("outcome").asString()).isEqualTo("replayed");
        assertThat(second.json().path("replayed_now").asBoolean()).as("the second replay sends nothing").isFalse();
        String replayId = first.json().path("dead_letter").path("replay_message_id").asString();
        assertThat(second.json().path("dead_letter").path("replay_message_id").asString()).isEqualTo(replayId);
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from outbox where message_id = ?::uuid", replayId))
                .isEqualTo(1);
        Eventually.await("the replayed command reached the image queue once", Duration.ofSeconds(20),
                () -> queue(routing.imageWorkerCommands()).path("depth").asLong() == depthBefore + 1);
        assertThat(Eventually.holdsWithin(Duration.ofSeconds(1),
                () -> queue(routing.imageWorkerCommands()).path("depth").asLong() == depthBefore + 1)).isTrue();
        var audit = admin.get("/api/v2/ops/audit?action=dead_letter_replay").json().path("items");
        assertThat(audit.toString()).contains("dead_letter:" + id, "ADMIN_API_KEY");
        assertThat(admin.post("/api/v2/ops/dead-letters/" + id + "/discard", Map.of()).status())
                .as("a replayed letter is not discarded").isEqualTo(409);
    }

    @Test
    @RequiresRabbitMq("the gateway drains the broker's own .dlq queues into dead_letters only on RabbitMQ (the embedded broker dead-letters nothing by itself)")
    void unreadableDeadLettersAreListedByQueueAndStatusAndCanBeDiscardedButNotReplayed() throws Exception {
        String messageId = UUID.randomUUID().toString();
        publishToDeadLetterQueue(messageId, "not json {", Map.of("x-original-queue", routing.imageWorkerCommands(),
                "x-original-exchange", routing.commandsExchange(), "x-original-routing-key", Routing.IMAGE_GENERATE,
                "x-dead-letter-reason", "unreadable GenerateImageCommand"));
        long id = awaitLetter(messageId).path("id").asLong();

        var refused = admin.post("/api/v2/ops/dead-letters/" + id + "/replay", Map.of());
        var discarded = admin.post("/api/v2/ops/dead-letters/" + id + "/discard", Map.of());
        var listedNew = admin.get("/api/v2/ops/dead-letters?status=new&queue=" + routing.imageWorkerCommands()).json();
        var listedDiscarded = admin.get("/api/v2/ops/dead-letters?status=discarded").json();

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("dead_letter_not_replayable");
        assertThat(discarded.status()).isEqualTo(200);
        assertThat(discarded.json().path("status").asString()).isEqualTo("discarded");
        assertThat(ids(listedNew)).doesNotContain(id);
        assertThat(ids(listedDiscarded)).contains(id);
        assertThat(admin.get("/api/v2/ops/dead-letters?status=lost").errorField()).isEqualTo("status");
    }

    @Test
    void retryingAFailedJobMakesOneNewJobWithTheSameInputHoweverOftenItIsAsked() {
        UUID failed = submitImage("failed once");
        GatewayEnvironment.update(DB, "update jobs set status = 'failed', error_code = 'provider_error', finished_at = now() where id = ?",
                failed);

        var first = as(tenant).post("/api/v2/jobs/" + failed + "/retry", Map.of());
        var again = as(tenant).post("/api/v2/jobs/" + failed + "/retry", Map.of());
        var byAdmin = admin.post("/api/v2/jobs/" + failed + "/retry", Map.of());
        var stranger = as(newTenant("Stranger")).post("/api/v2/jobs/" + failed + "/retry", Map.of());

        assertThat(first.status()).as("%s", first).isEqualTo(202);
        UUID retry = UUID.fromString(first.json().path("job_id").asString());
        assertThat(retry).isNotEqualTo(failed);
        assertThat(first.json().path("created").asBoolean()).isTrue();
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("job_id").asString()).isEqualTo(retry.toString());
        assertThat(again.json().path("created").asBoolean()).isFalse();
        assertThat(byAdmin.json().path("job_id").asString()).isEqualTo(retry.toString());
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(GatewayEnvironment.queryString(DB, "select retry_of::text from jobs where id = ?", retry))
                .isEqualTo(failed.toString());
        assertThat(GatewayEnvironment.queryLong(DB,
                "select count(*) from jobs a join jobs b on a.input = b.input and a.campaign_id = b.campaign_id where a.id = ? and b.id = ?",
                failed, retry)).as("same input, same campaign").isEqualTo(1);
        assertThat(GatewayEnvironment.queryString(DB, "select status from jobs where id = ?", failed))
                .as("terminal stays terminal").isEqualTo("failed");
        assertThat(as(tenant).post("/api/v2/jobs/" + retry + "/retry", Map.of()).errorCode())
                .as("a queued job is not retried").isEqualTo("job_not_failed");
    }

    @Test
    void retryStuckFailsEachStuckJobAsStuckAndRetriesItInOneCall() {
        UUID stuck = submitImage("stuck in the queue");
        UUID fresh = submitImage("just queued");
        GatewayEnvironment.update(DB, "update jobs set updated_at = now() - interval '2 hours' where id = ?", stuck);

        var listed = admin.get("/api/v2/ops/jobs/stuck?limit=100").json().path("items");
        var retried = admin.post("/api/v2/ops/jobs/retry-stuck", Map.of());

        assertThat(ids(listed, "id")).contains(stuck.toString()).doesNotContain(fresh.toString());
        assertThat(retried.status()).as("%s", retried).isEqualTo(200);
        JsonNode outcome = null;
        for (JsonNode o : retried.json().path("items")) {
            if (o.path("job_id").asString().equals(stuck.toString())) {
                outcome = o;
            }
        }
        assertThat(outcome).as("%s", retried).isNotNull();
        assertThat(outcome.path("result").asString()).isEqualTo("retried");
        String retry = outcome.path("retry_job_id").asString();
        assertThat(GatewayEnvironment.queryString(DB, "select status || ' ' || error_code from jobs where id = ?", stuck))
                .isEqualTo("failed stuck");
        assertThat(GatewayEnvironment.queryString(DB, "select status || ' ' || retry_of from jobs where id = ?::uuid", retry))
                .isEqualTo("queued " + stuck);
        assertThat(GatewayEnvironment.queryString(DB, "select status from jobs where id = ?", fresh)).isEqualTo("queued");
        assertThat(admin.get("/api/v2/ops/audit?action=retry_stuck").json().path("items").size()).isPositive();
    }

    private UUID submitImage(String prompt) {
        var reply = as(tenant).post("/api/v2/generate/image", Map.of("campaign_id", campaign, "prompt", prompt));
        assertThat(reply.status()).as("%s", reply).isEqualTo(202);
        return UUID.fromString(reply.json().path("job_id").asString());
    }

    private JsonNode queue(String name) {
        for (JsonNode q : admin.get("/api/v2/ops/queues").json().path("items")) {
            if (q.path("name").asString().equals(name)) {
                return q;
            }
        }
        throw new AssertionError("no queue " + name + " in the ops API");
    }

    private JsonNode awaitLetter(String messageId) {
        JsonNode[] found = new JsonNode[1];
        Eventually.await("dead letter " + messageId + " recorded", Duration.ofSeconds(20), () -> {
            for (JsonNode l : admin.get("/api/v2/ops/dead-letters?limit=100").json().path("items")) {
                if (l.path("message_id").asString().equals(messageId)) {
                    found[0] = l;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private void publishToDeadLetterQueue(String messageId, String body, Map<String, Object> headers) throws Exception {
        try (var connection = BROKER.connectionFactory().newConnection(); var channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish("", Routing.deadLetterQueueOf(routing.imageWorkerCommands()), true,
                    new AMQP.BasicProperties.Builder().messageId(messageId).contentType("application/json").deliveryMode(2)
                            .type("image.generate").headers(headers).build(), body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5_000);
        }
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.path("items").forEach(l -> ids.add(l.path("id").asLong()));
        return ids;
    }

    private static List<String> ids(JsonNode items, String field) {
        List<String> ids = new ArrayList<>();
        items.forEach(l -> ids.add(l.path(field).asString()));
        return ids;
    }
}
