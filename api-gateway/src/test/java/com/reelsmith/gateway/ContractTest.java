package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.JobFinished;
import com.reelsmith.model.JobKind;
import com.reelsmith.model.Routing;
import com.reelsmith.platform.media.FileSystemMediaStore;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.testing.Eventually;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import com.reelsmith.provider.replicate.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document against the wire. Every answer of every request below is judged by the
 * document ({@link Contract}): its status must be documented for the operation it reached and its
 * JSON must fit that status's schema both ways (no property the schema lacks, every required one
 * present). Error answers are judged too: every operation is called without a key, with unknown
 * ids and with an empty body, found from the document itself, so an endpoint added later is probed
 * without a line here. Its successful use is not: an operation of the document that no case below
 * answers with a 2xx fails the test, naming it, until a case is added to {@link #exerciseEveryEndpoint}.
 */
class ContractTest extends StoryboardTestBase {

    static final String WEBHOOK_SECRET = "whsec_" + Base64.getEncoder().encodeToString("contract webhook key".getBytes());

    @DynamicPropertySource
    static void webhookSecret(DynamicPropertyRegistry registry) {
        registry.add("reelsmith.replicate.webhook-secret", () -> WEBHOOK_SECRET);
        // webhook receivers and imported assets on 127.0.0.1, as ClientWebhooksTest allows them
        registry.add("reelsmith.outbound.allow-private-targets", () -> "true");
    }

    /** For probes: whatever the status, the document must list it. */
    static final int ANY_STATUS = -1;

    @Autowired
    Outbox outbox;

    Contract contract;
    final List<String> violations = new ArrayList<>();
    final Map<Contract.Operation, Set<Integer>> answered = new TreeMap<>();

    @BeforeEach
    void readTheDocument() {
        var document = anonymous.get("/v3/api-docs");
        assertThat(document.status()).isEqualTo(200);
        contract = new Contract(document.json());
    }

    @Test
    void everyEndpointAnswersAsTheDocumentSays() {
        exerciseEveryEndpoint();
        probeEveryOperationWithBadRequests();

        assertThat(violations).as("answers that differ from /v3/api-docs").isEmpty();
        Set<Contract.Operation> neverSucceeded = new TreeSet<>(contract.operations());
        answered.forEach((operation, statuses) -> {
            if (statuses.stream().anyMatch(s -> s >= 200 && s < 300)) {
                neverSucceeded.remove(operation);
            }
        });
        assertThat(neverSucceeded)
                .as("operations of /v3/api-docs that no case of ContractTest.exerciseEveryEndpoint answered with a 2xx;"
                        + " add a case for each (a new endpoint must be exercised for real)")
                .isEmpty();
    }

    /** Each operation used as a client uses it, successfully, and some of its refusals. */
    void exerciseEveryEndpoint() {
        // clients and keys (admin)
        var client = judged("POST", "/api/v2/clients", () -> admin.post("/api/v2/clients",
                Map.of("name", "Contract Co", "brand_guidelines", Map.of("voice", "warm"))));
        UUID clientId = client.id();
        judged("GET", "/api/v2/clients", () -> admin.get("/api/v2/clients?limit=2"));
        judged("GET", "/api/v2/clients/" + clientId, () -> admin.get("/api/v2/clients/" + clientId));
        var issued = judged("POST", "/api/v2/clients/" + clientId + "/api-keys",
                () -> admin.post("/api/v2/clients/" + clientId + "/api-keys", Map.of("name", "contract key")));
        var tenant = new Tenant(clientId, issued.id(), issued.json().path("api_key").asString());
        var spare = judged("POST", "/api/v2/clients/" + clientId + "/api-keys",
                () -> admin.post("/api/v2/clients/" + clientId + "/api-keys", Map.of()));
        judged("GET", "/api/v2/clients/" + clientId + "/api-keys", () -> as(tenant).get("/api/v2/clients/" + clientId + "/api-keys"));
        judged("DELETE", "/api/v2/api-keys/" + spare.id(), () -> admin.delete("/api/v2/api-keys/" + spare.id()));
        judged("POST", "/api/v2/clients", () -> as(tenant).post("/api/v2/clients", Map.of("name", "not admin")), 403);

        // campaigns
        var campaign = judged("POST", "/api/v2/campaigns", () -> as(tenant).post("/api/v2/campaigns",
                Map.of("name", "Contract launch", "budget_usd", 100)));
        UUID campaignId = campaign.id();
        judged("GET", "/api/v2/campaigns", () -> as(tenant).get("/api/v2/campaigns"));
        judged("GET", "/api/v2/campaigns/" + campaignId, () -> as(tenant).get("/api/v2/campaigns/" + campaignId));
        judged("PATCH", "/api/v2/campaigns/" + campaignId,
                () -> as(tenant).patch("/api/v2/campaigns/" + campaignId, Map.of("description", "spring")));
        judged("PATCH", "/api/v2/campaigns/" + campaignId,
                () -> as(tenant).patch("/api/v2/campaigns/" + campaignId, Map.of("status", "paused")), 400);

        // assets
        var asset = judged("POST", "/api/v2/campaigns/" + campaignId + "/assets",
                () -> as(tenant).upload("/api/v2/campaigns/" + campaignId + "/assets", "logo.png", "image/png", png(32, 32)));
        judged("POST", "/api/v2/campaigns/" + campaignId + "/assets",
                () -> as(tenant).upload("/api/v2/campaigns/" + campaignId + "/assets", "notes.txt", "text/plain",
                        "not an image".getBytes(StandardCharsets.UTF_8)), 415);
        judged("GET", "/api/v2/assets/" + asset.id(), () -> as(tenant).get("/api/v2/assets/" + asset.id()));
        judged("GET", "/api/v2/assets/" + asset.id() + "/data", () -> as(tenant).get("/api/v2/assets/" + asset.id() + "/data"));
        var thumbnail = judged("GET", "/api/v2/assets/" + asset.id() + "/thumbnail",
                () -> as(tenant).get("/api/v2/assets/" + asset.id() + "/thumbnail"));
        assertThat(thumbnail.header("Content-Type")).startsWith("image/jpeg");
        judged("GET", "/api/v2/campaigns/" + campaignId + "/assets",
                () -> as(tenant).get("/api/v2/campaigns/" + campaignId + "/assets?type=image&limit=5"));
        judged("GET", "/api/v2/assets", () -> as(tenant).get("/api/v2/assets?type=image"));
        judged("GET", "/api/v2/assets", () -> admin.get("/api/v2/assets?client_id=" + clientId));
        judged("GET", "/api/v2/assets", () -> as(tenant).get("/api/v2/assets?type=spreadsheet"), 400);
        var imported = judged("POST", "/api/v2/campaigns/" + campaignId + "/assets/import", () -> importServed(tenant, campaignId));
        judged("POST", "/api/v2/campaigns/" + campaignId + "/assets/import", () -> as(tenant).post(
                "/api/v2/campaigns/" + campaignId + "/assets/import", Map.of("url", "ftp://example.com/logo.png")), 400);
        judged("DELETE", "/api/v2/assets/" + imported.id(), () -> as(tenant).delete("/api/v2/assets/" + imported.id()), 204);

        // generation and jobs
        var image = judged("POST", "/api/v2/generate/image", () -> as(tenant).post("/api/v2/generate/image",
                Map.of("campaign_id", campaignId, "prompt", "a sneaker in flight", "asset_id", asset.id())));
        UUID imageJob = UUID.fromString(image.json().path("job_id").asString());
        var video = judged("POST", "/api/v2/generate/video", () -> as(tenant).post("/api/v2/generate/video",
                Map.of("campaign_id", campaignId, "prompt", "a slow pan")));
        UUID videoJob = UUID.fromString(video.json().path("job_id").asString());
        judged("POST", "/api/v2/generate/video", () -> as(tenant).post("/api/v2/generate/video",
                Map.of("campaign_id", campaignId, "prompt", "x", "duration_s", 7)), 400);
        judged("POST", "/api/v2/generate/image", () -> as(tenant).post("/api/v2/generate/image",
                Map.of("campaign_id", campaignId, "prompt", "too dear", "idempotency_key", "k1")));
        judged("POST", "/api/v2/generate/image", () -> as(tenant).post("/api/v2/generate/image",
                Map.of("campaign_id", campaignId, "prompt", "another", "idempotency_key", "k1")), 409);
        judged("GET", "/api/v2/jobs", () -> as(tenant).get("/api/v2/jobs?campaign_id=" + campaignId));
        judged("GET", "/api/v2/jobs/" + imageJob, () -> as(tenant).get("/api/v2/jobs/" + imageJob));
        judged("POST", "/api/v2/jobs/" + videoJob + "/cancel", () -> as(tenant).post("/api/v2/jobs/" + videoJob + "/cancel", Map.of()));
        judged("POST", "/api/v2/jobs/" + videoJob + "/cancel",
                () -> as(tenant).post("/api/v2/jobs/" + videoJob + "/cancel", Map.of()), 409);
        judged("POST", "/api/v2/jobs/" + videoJob + "/retry", () -> as(tenant).post("/api/v2/jobs/" + videoJob + "/retry", Map.of()), 202);
        judged("POST", "/api/v2/jobs/" + imageJob + "/retry", () -> as(tenant).post("/api/v2/jobs/" + imageJob + "/retry", Map.of()), 409);

        // media, as a worker leaves a finished image
        UUID imageId = finishImage(tenant, campaignId, imageJob);
        var events = judged("GET", "/api/v2/jobs/" + imageJob + "/events", () -> firstEvent(tenant, "/api/v2/jobs/" + imageJob + "/events"));
        assertThat(events.header("Content-Type")).startsWith("text/event-stream");
        assertThat(new String(events.body(), StandardCharsets.UTF_8)).as("the first event: the current state").contains("event:status\n");
        judged("GET", "/api/v2/jobs/" + imageJob, () -> as(tenant).get("/api/v2/jobs/" + imageJob));
        var media = judged("GET", "/api/images/" + imageId, () -> as(tenant).get("/api/images/" + imageId));
        judged("GET", "/api/images/" + imageId + "/data", () -> anonymous.get(media.json().path("data_url").asString()));
        judged("GET", "/api/images/" + imageId + "/data", () -> anonymous.get("/api/images/" + imageId + "/data?expires=1&signature=x"), 403);
        judged("GET", "/api/v2/campaigns/" + campaignId + "/generated-images",
                () -> as(tenant).get("/api/v2/campaigns/" + campaignId + "/generated-images"));
        judged("GET", "/api/v2/clients/" + clientId + "/generated-images",
                () -> as(tenant).get("/api/v2/clients/" + clientId + "/generated-images"));

        // briefs and storyboards
        var brief = judged("POST", "/api/v2/campaigns/" + campaignId + "/briefs",
                () -> as(tenant).post("/api/v2/campaigns/" + campaignId + "/briefs", SNEAKER_BRIEF));
        judged("GET", "/api/v2/briefs/" + brief.id(), () -> as(tenant).get("/api/v2/briefs/" + brief.id()));
        judged("GET", "/api/v2/campaigns/" + campaignId + "/briefs", () -> as(tenant).get("/api/v2/campaigns/" + campaignId + "/briefs"));
        UUID board = plannedStoryboard(tenant);
        String s = "/api/v2/storyboards/" + board;
        judged("GET", s, () -> as(tenant).get(s));
        judged("PATCH", s + "/scenes/s1", () -> as(tenant).patch(s + "/scenes/s1", Map.of("version", 1, "description", "a new hook")));
        judged("PATCH", s + "/scenes/s1", () -> as(tenant).patch(s + "/scenes/s1", Map.of("version", 1, "description", "stale")), 409);
        judged("POST", s + "/scenes", () -> as(tenant).post(s + "/scenes",
                Map.of("version", 2, "description", "a crowd cheers", "duration_s", 2, "after_scene_id", "s3")));
        judged("POST", s + "/reorder", () -> as(tenant).post(s + "/reorder",
                Map.of("version", 3, "scene_ids", List.of("s2", "s1", "s3", "s5", "s4"))));
        judged("DELETE", s + "/scenes/s5", () -> as(tenant).delete(s + "/scenes/s5?version=4"));
        judged("GET", s + "/versions/1", () -> as(tenant).get(s + "/versions/1"));
        judged("POST", s + "/previews", () -> as(tenant).post(s + "/previews", Map.of()));
        judged("POST", s + "/scenes/s2/preview", () -> as(tenant).post(s + "/scenes/s2/preview", Map.of()));
        judged("POST", s + "/refine", () -> as(tenant).post(s + "/refine", Map.of("version", 5, "feedback", "shorter")));
        UUID second = plannedStoryboard(tenant);
        String t = "/api/v2/storyboards/" + second;
        judged("POST", t + "/submit", () -> as(tenant).post(t + "/submit", Map.of()));
        judged("POST", t + "/request-changes", () -> as(tenant).post(t + "/request-changes", Map.of("comment", "hook too slow")));
        judged("POST", t + "/submit", () -> as(tenant).post(t + "/submit", Map.of()));
        judged("POST", t + "/approve", () -> as(tenant).post(t + "/approve", Map.of("version", 1, "comment", "lovely")));
        judged("POST", t + "/approve", () -> as(tenant).post(t + "/approve", Map.of("version", 1)), 409);
        UUID third = plannedStoryboard(tenant);
        judged("POST", "/api/v2/storyboards/" + third + "/submit", () -> as(tenant).post("/api/v2/storyboards/" + third + "/submit", Map.of()));
        judged("POST", "/api/v2/storyboards/" + third + "/reject",
                () -> as(tenant).post("/api/v2/storyboards/" + third + "/reject", Map.of("comment", "off brand")));

        // lifecycle: a client changed by an admin
        judged("PATCH", "/api/v2/clients/" + clientId, () -> admin.patch("/api/v2/clients/" + clientId,
                Map.of("brand_guidelines", Map.of("voice", "bold"))));

        // dry runs
        judged("POST", "/api/v2/estimates/image", () -> as(tenant).post("/api/v2/estimates/image",
                Map.of("campaign_id", campaignId, "prompt", "a sneaker")));
        judged("POST", "/api/v2/estimates/video", () -> as(tenant).post("/api/v2/estimates/video",
                Map.of("campaign_id", campaignId, "prompt", "a pan", "duration_s", 10, "mode", "pro")));
        judged("POST", "/api/v2/estimates/production", () -> as(tenant).post("/api/v2/estimates/production",
                Map.of("storyboard_id", board)));

        // reports: stats, spend (JSON and CSV), performance of a finished video
        var finished = judged("POST", "/api/v2/generate/video", () -> as(tenant).post("/api/v2/generate/video",
                Map.of("campaign_id", campaignId, "prompt", "a finished film")));
        UUID finishedJob = UUID.fromString(finished.json().path("job_id").asString());
        GatewayEnvironment.update(DB, "update jobs set status = 'succeeded', cost_usd = 0.25, finished_at = now() where id = ?",
                finishedJob);
        judged("GET", "/api/v2/clients/" + clientId + "/stats", () -> as(tenant).get("/api/v2/clients/" + clientId + "/stats"));
        judged("GET", "/api/v2/campaigns/" + campaignId + "/stats", () -> as(tenant).get("/api/v2/campaigns/" + campaignId + "/stats"));
        judged("GET", "/api/v2/clients/" + clientId + "/spend",
                () -> as(tenant).get("/api/v2/clients/" + clientId + "/spend?group_by=model"));
        judged("GET", "/api/v2/clients/" + clientId + "/spend",
                () -> as(tenant).get("/api/v2/clients/" + clientId + "/spend?group_by=campaign&format=csv"));
        judged("GET", "/api/v2/campaigns/" + campaignId + "/spend",
                () -> as(tenant).withHeader("Accept", "text/csv").get("/api/v2/campaigns/" + campaignId + "/spend"));
        judged("GET", "/api/v2/campaigns/" + campaignId + "/spend", () -> as(tenant).get("/api/v2/campaigns/" + campaignId + "/spend"));
        judged("GET", "/api/v2/campaigns/" + campaignId + "/spend",
                () -> as(tenant).get("/api/v2/campaigns/" + campaignId + "/spend?group_by=hour"), 400);
        judged("POST", "/api/v2/jobs/" + finishedJob + "/performance", () -> as(tenant).post(
                "/api/v2/jobs/" + finishedJob + "/performance", Map.of("views", 1200, "clicks", 36, "conversions", 4)));
        judged("POST", "/api/v2/jobs/" + imageJob + "/performance", () -> as(tenant).post(
                "/api/v2/jobs/" + imageJob + "/performance", Map.of("views", 1, "clicks", 0)), 422);
        judged("GET", "/api/v2/jobs/" + finishedJob + "/performance", () -> as(tenant).get("/api/v2/jobs/" + finishedJob + "/performance"));
        judged("GET", "/api/v2/campaigns/" + campaignId + "/performance",
                () -> as(tenant).get("/api/v2/campaigns/" + campaignId + "/performance"));

        // webhook endpoints, a delivery of a finished job, redelivered
        try (var receiver = WebhookReceiver.started()) {
            var endpoint = judged("POST", "/api/v2/webhook-endpoints", () -> as(tenant).post("/api/v2/webhook-endpoints",
                    Map.of("url", receiver.url("/hooks"), "event_types", List.of("job.succeeded"), "description", "contract")), 201);
            judged("POST", "/api/v2/webhook-endpoints", () -> as(tenant).post("/api/v2/webhook-endpoints",
                    Map.of("url", receiver.url("/hooks"), "event_types", List.of("job.exploded"))), 400);
            String e = "/api/v2/webhook-endpoints/" + endpoint.id();
            judged("GET", "/api/v2/webhook-endpoints", () -> as(tenant).get("/api/v2/webhook-endpoints"));
            judged("GET", e, () -> as(tenant).get(e));
            transaction.executeWithoutResult(tx -> outbox.publishEvent(
                    JobFinished.succeeded(JobKind.VIDEO, finishedJob, finishedJob, null, null)));
            Eventually.await("a delivery in the log", Duration.ofSeconds(30),
                    () -> as(tenant).get(e + "/deliveries").json().path("items").size() > 0);
            var log = judged("GET", e + "/deliveries", () -> as(tenant).get(e + "/deliveries"));
            String delivery = log.json().path("items").path(0).path("id").asString();
            judged("GET", e + "/deliveries", () -> as(tenant).get(e + "/deliveries?status=lost"), 400);
            judged("POST", e + "/deliveries/" + delivery + "/redeliver",
                    () -> as(tenant).post(e + "/deliveries/" + delivery + "/redeliver", Map.of()), 202);
            judged("DELETE", e, () -> as(tenant).delete(e), 204);
        }

        // production: an approved storyboard produced (202, then 200 for the same), its ad and exports
        String p = "/api/v2/storyboards/" + second + "/produce";
        var production = judged("POST", p, () -> as(tenant).post(p, Map.of()), 202);
        judged("POST", p, () -> as(tenant).post(p, Map.of()), 200);
        judged("POST", "/api/v2/storyboards/" + third + "/produce",
                () -> as(tenant).post("/api/v2/storyboards/" + third + "/produce", Map.of()), 409);
        UUID productionJob = UUID.fromString(production.json().path("job_id").asString());
        UUID ad = finishAd(productionJob, second);
        var adView = judged("GET", "/api/v2/ads/" + ad, () -> as(tenant).get("/api/v2/ads/" + ad));
        judged("GET", "/api/ads/" + ad + "/data",
                () -> anonymous.get(adView.json().path("data_url").asString()));
        String x = "/api/v2/ads/" + ad + "/exports";
        judged("POST", x, () -> as(tenant).post(x, Map.of("format", "webm", "resolution", 720)), 202);
        judged("POST", x, () -> as(tenant).post(x, Map.of("format", "webm", "resolution", 720)), 200);
        judged("POST", x, () -> as(tenant).post(x, Map.of("format", "avi", "resolution", 720)), 400);
        judged("GET", "/api/v2/ads/" + ad, () -> as(tenant).get("/api/v2/ads/" + ad));
        String r = "/api/v2/jobs/" + productionJob + "/retry-scene";
        judged("POST", r, () -> as(tenant).post(r, Map.of("scene_id", "s1")), 409); // not failed
        GatewayEnvironment.update(DB, "update jobs set status = 'failed', error_code = 'provider_error', finished_at = now() "
                + "where id = ?", productionJob);
        judged("POST", r, () -> as(tenant).post(r, Map.of("scene_id", "s1")), 202);
        judged("POST", r, () -> as(tenant).post(r, Map.of("scene_id", "s1")), 200);

        // operations (admin): the overview, dead letters replayed and discarded, stuck jobs, the audit
        judged("GET", "/api/v2/ops", () -> admin.get("/api/v2/ops"));
        judged("GET", "/api/v2/ops", () -> as(tenant).get("/api/v2/ops"), 403);
        judged("GET", "/api/v2/ops/queues", () -> admin.get("/api/v2/ops/queues"));
        judged("GET", "/api/v2/ops/outbox", () -> admin.get("/api/v2/ops/outbox"));
        judged("GET", "/api/v2/ops/jobs", () -> admin.get("/api/v2/ops/jobs"));
        judged("GET", "/api/v2/ops/jobs/stuck", () -> admin.get("/api/v2/ops/jobs/stuck?limit=5"));
        judged("POST", "/api/v2/ops/jobs/retry-stuck", () -> admin.post("/api/v2/ops/jobs/retry-stuck?limit=5", Map.of()));
        long letter = deadLetter("contract-letter-1");
        long another = deadLetter("contract-letter-2");
        long third2 = deadLetter("contract-letter-3");
        judged("GET", "/api/v2/ops/dead-letters", () -> admin.get("/api/v2/ops/dead-letters?status=new"));
        judged("GET", "/api/v2/ops/dead-letters/" + letter, () -> admin.get("/api/v2/ops/dead-letters/" + letter));
        judged("POST", "/api/v2/ops/dead-letters/" + letter + "/replay",
                () -> admin.post("/api/v2/ops/dead-letters/" + letter + "/replay", Map.of()));
        judged("POST", "/api/v2/ops/dead-letters/" + another + "/discard",
                () -> admin.post("/api/v2/ops/dead-letters/" + another + "/discard", Map.of()));
        judged("POST", "/api/v2/ops/dead-letters/" + another + "/replay",
                () -> admin.post("/api/v2/ops/dead-letters/" + another + "/replay", Map.of()), 409);
        judged("POST", "/api/v2/ops/dead-letters/" + letter + "/discard",
                () -> admin.post("/api/v2/ops/dead-letters/" + letter + "/discard", Map.of()), 409);
        judged("POST", "/api/v2/ops/dead-letters/replay", () -> admin.post("/api/v2/ops/dead-letters/replay?limit=5", Map.of()));
        assertThat(GatewayEnvironment.queryString(DB, "select status from dead_letters where id = ?", third2)).isEqualTo("replayed");
        judged("GET", "/api/v2/ops/audit", () -> admin.get("/api/v2/ops/audit?limit=5"));

        // an archived campaign takes no new work
        judged("PATCH", "/api/v2/campaigns/" + campaignId,
                () -> as(tenant).patch("/api/v2/campaigns/" + campaignId, Map.of("status", "archived")));
        judged("POST", "/api/v2/generate/image", () -> as(tenant).post("/api/v2/generate/image",
                Map.of("campaign_id", campaignId, "prompt", "one more")), 409);

        // Replicate's webhook: signed, for a prediction we do not know (acknowledged, nothing to do)
        judged("POST", "/api/webhooks/replicate", () -> replicateWebhook("{\"id\": \"pred-unknown\", \"status\": \"succeeded\"}"));
    }

    /**
     * Refusals found from the document, for every operation: no key (401 where it needs one), unknown ids
     * (each path variable an unknown UUID, or the first value its enum allows), and an empty JSON body.
     */
    void probeEveryOperationWithBadRequests() {
        for (Contract.Operation operation : contract.operations()) {
            String path = concretePath(operation);
            if (contract.needsKey(operation)) {
                var bare = judged(operation.method(), path, () -> send(anonymous, operation, path), ANY_STATUS);
                if (bare.status() != 401) {
                    violations.add(operation + " needs a key by the document, yet answered " + bare.status() + " without one");
                }
            }
            judged(operation.method(), path, () -> send(admin, operation, path), ANY_STATUS);
        }
    }

    private String concretePath(Contract.Operation operation) {
        String path = operation.template();
        for (JsonNode parameter : contract.operation(operation).path("parameters")) {
            if (!"path".equals(parameter.path("in").asString())) {
                continue;
            }
            JsonNode schema = parameter.path("schema");
            String value = schema.has("enum") ? schema.get("enum").get(0).asString()
                    : "integer".equals(schema.path("type").asString()) ? "1"
                    : "uuid".equals(schema.path("format").asString()) ? UUID.randomUUID().toString() : "s1";
            path = path.replace("{" + parameter.path("name").asString() + "}", value);
        }
        return path;
    }

    /** A request of the operation's method, with an empty body of the type it takes (JSON, or a multipart upload). */
    private GatewayClient.Reply send(GatewayClient as, Contract.Operation operation, String path) {
        if (contract.operation(operation).path("requestBody").path("content").has("multipart/form-data")) {
            return as.upload(path, "probe.png", "image/png", new byte[] {1});
        }
        return switch (operation.method()) {
            case "GET" -> as.get(path);
            case "DELETE" -> as.delete(path);
            case "PATCH" -> as.patch(path, Map.of());
            case "POST" -> as.post(path, Map.of());
            default -> throw new IllegalArgumentException(operation.method());
        };
    }

    /** Sends, judges the answer by the document and, when given, checks the status the case expects. */
    private GatewayClient.Reply judged(String method, String path, Supplier<GatewayClient.Reply> request, int... expected) {
        var reply = request.get();
        var operation = contract.match(method, path);
        if (operation == null) {
            violations.add(method + " " + path + " answered " + reply.status() + " but the document has no such operation");
            return reply;
        }
        answered.computeIfAbsent(operation, o -> new TreeSet<>()).add(reply.status());
        JsonNode json = null;
        String type = reply.header("Content-Type");
        if (type != null && type.startsWith("application/json") && reply.body().length > 0) {
            json = reply.json();
        }
        violations.addAll(contract.judge(operation, reply.status(), type, reply.body(), json));
        if (expected.length > 0 && expected[0] == ANY_STATUS) {
            return reply; // a probe: any status will do, as long as the document has it (judged above)
        }
        if (expected.length > 0) {
            assertThat(reply.status()).as("%s %s: %s", method, path, reply).isEqualTo(expected[0]);
        } else {
            assertThat(reply.status()).as("%s %s: %s", method, path, reply).isBetween(200, 299);
        }
        return reply;
    }

    private UUID finishImage(Tenant tenant, UUID campaign, UUID job) {
        var stored = new FileSystemMediaStore(MEDIA).put(png(16, 9), "image/png");
        UUID id = UUID.randomUUID();
        GatewayEnvironment.update(DB, """
                insert into generated_images (id, job_id, client_id, campaign_id, prompt, provider, content_type, bytes,
                                              width, height, sha256, storage_key)
                values (?, ?, ?, ?, 'p', 'local', 'image/png', ?, 16, 9, ?, ?)
                """, id, job, tenant.clientId(), campaign, stored.bytes(), stored.sha256(), stored.key());
        GatewayEnvironment.update(DB, "update jobs set status = 'succeeded', result_id = ?, cost_usd = 0.04, "
                + "finished_at = now() where id = ?", id, job);
        return id;
    }

    /** The ad of a production, as the studio worker records it (the test context runs no studio worker). */
    private UUID finishAd(UUID productionJob, UUID storyboard) {
        var stored = new FileSystemMediaStore(MEDIA).put(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, "video/mp4");
        UUID ad = UUID.randomUUID();
        GatewayEnvironment.update(DB, """
                insert into ads (id, client_id, campaign_id, production_job_id, storyboard_id, version, aspect_ratio,
                                 content_type, bytes, width, height, duration_ms, sha256, storage_key)
                select ?, client_id, campaign_id, ?, ?, 1, '9:16', 'video/mp4', ?, 1080, 1920, 15000, ?, ?
                from jobs where id = ?""", ad, productionJob, storyboard, stored.bytes(), stored.sha256(), stored.key(),
                productionJob);
        return ad;
    }

    /** A dead letter as the application records one, addressed to a queue that exists, so a replay can be sent. */
    private long deadLetter(String messageId) {
        String queue = new Routing(BROKER.prefix()).imageWorkerCommands();
        GatewayEnvironment.update(DB, """
                insert into dead_letters (queue, exchange, routing_key, message_id, message_type, reason, payload)
                values (?, '', ?, ?, 'image.generate', 'rejected', '{"probe": true}')
                """, Routing.deadLetterQueueOf(queue), queue, messageId);
        return Long.parseLong(GatewayEnvironment.queryString(DB, "select id from dead_letters where message_id = ?", messageId));
    }

    /** Imports a PNG served on 127.0.0.1 (allowed by this test's configuration). */
    private GatewayClient.Reply importServed(Tenant tenant, UUID campaign) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] image = png(24, 24);
        server.createContext("/logo.png", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, image.length);
            exchange.getResponseBody().write(image);
            exchange.close();
        });
        server.start();
        try {
            return as(tenant).post("/api/v2/campaigns/" + campaign + "/assets/import", Map.of("url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/logo.png", "filename", "imported.png"));
        } finally {
            server.stop(0);
        }
    }

    /** The first Server-Sent Event of a stream, then the stream is closed (it is not held open). */
    private GatewayClient.Reply firstEvent(Tenant tenant, String path) {
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + tenant.key()).header("Accept", "text/event-stream")
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofLines());
            StringBuilder event = new StringBuilder();
            try (var lines = response.body()) {
                var it = lines.iterator();
                while (it.hasNext()) {
                    String line = it.next();
                    if (line.isEmpty() && !event.isEmpty()) {
                        break; // the end of the first event
                    }
                    if (!line.isEmpty() && !line.startsWith(":")) { // a comment is no event
                        event.append(line.replace("event: ", "event:").replace("data: ", "data:")).append('\n');
                    }
                }
            }
            return new GatewayClient.Reply(response.statusCode(), response.headers(),
                    event.toString().getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private GatewayClient.Reply replicateWebhook(String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        String id = "msg_" + UUID.randomUUID();
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/webhooks/replicate"))
                    .header("Content-Type", "application/json")
                    .header("webhook-id", id).header("webhook-timestamp", timestamp)
                    .header("webhook-signature", WebhookSignature.sign(id, timestamp, raw, WEBHOOK_SECRET))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new GatewayClient.Reply(response.statusCode(), response.headers(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
