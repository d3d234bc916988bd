package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.reelsmith.gateway.assets.CraftedImages;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * What a hostile or careless caller sends: absurd numbers, wrong JSON types, NUL characters, huge
 * bodies, forged cursors, image bombs. Each is a quick 4xx naming what to fix, never a 500, never
 * minutes of CPU, and nothing is stored.
 */
class HostileInputTest extends GatewayIntegrationTest {

    /**
     * A guard against a request that burns CPU or reads a bomb for minutes, not a benchmark: every answer
     * here comes in milliseconds on an idle machine, and well within this on a 2-core one shared by builds.
     */
    static final Duration QUICKLY = Duration.ofSeconds(20);

    @Value("${reelsmith.rate-limits.uploads-per-minute:30}")
    int uploadsPerMinute;

    Tenant tenant;
    GatewayClient client;
    UUID campaign;

    @BeforeEach
    void aClientWithACampaign() {
        tenant = newTenant("Hostile");
        client = as(tenant);
        campaign = newCampaign(tenant, "target");
    }

    // --- defect 6: numbers are bounded before they are scaled

    @Test
    void absurdBudgetsAreRefusedQuicklyNamingTheField() {
        for (String number : List.of("1e99999999", "1e999999999", "1e400", "-1e400", "1e-99999999", "1e-400")) {
            long before = campaignCount(tenant);
            var reply = quickly(() -> client.post("/api/v2/campaigns", "{\"name\": \"x\", \"budget_usd\": " + number + "}"));

            assertBadRequest(reply, "budget_usd");
            assertThat(campaignCount(tenant)).isEqualTo(before);
        }
    }

    @Test
    void absurdBudgetsInAPatchAreRefusedQuicklyNamingTheField() {
        String path = "/api/v2/campaigns/" + campaign;
        for (String number : List.of("1e99999999", "1e999999999", "1e400", "-1e400", "1e-99999999")) {
            var reply = quickly(() -> client.patch(path, "{\"budget_usd\": " + number + "}"));

            assertBadRequest(reply, "budget_usd");
        }
        assertThat(client.get(path).json().path("budget_usd").isNull()).isTrue();
    }

    @Test
    void absurdNumbersInAGenerationAreRefusedNamingTheField() {
        for (String number : List.of("1e99999999", "1e400", "-1e400")) {
            assertBadRequest(quickly(() -> client.post("/api/v2/generate/image",
                    "{\"campaign_id\": \"" + campaign + "\", \"prompt\": \"a cat\", \"seed\": " + number + "}")), "seed");
            assertBadRequest(quickly(() -> client.post("/api/v2/generate/video",
                    "{\"campaign_id\": \"" + campaign + "\", \"prompt\": \"a cat\", \"duration_s\": " + number + "}")),
                    "duration_s");
        }
        assertNoJob();
    }

    @Test
    void absurdNumbersInsideBrandGuidelinesAreRefused() {
        for (String number : List.of("1e99999999", "1e400", "-1e400")) {
            var reply = quickly(() -> admin.post("/api/v2/clients",
                    "{\"name\": \"Numbers\", \"brand_guidelines\": {\"tone\": {\"weight\": " + number + "}}}"));

            assertBadRequest(reply, "brand_guidelines.tone.weight");
        }
    }

    // --- defect 15: a value of the wrong JSON type is a 400, never coerced

    @Test
    void aNumberOrBooleanWhereAStringIsExpectedIsRefused() {
        assertBadRequest(client.post("/api/v2/campaigns", "{\"name\": 12345}"), "name");
        assertBadRequest(client.post("/api/v2/campaigns", "{\"name\": 12.5}"), "name");
        assertBadRequest(client.post("/api/v2/campaigns", "{\"name\": true}"), "name");
        assertBadRequest(client.post("/api/v2/campaigns", "{\"name\": \"x\", \"description\": false}"), "description");
        assertBadRequest(client.post("/api/v2/campaigns", "{\"name\": [\"x\"]}"), "name");
        assertBadRequest(client.post("/api/v2/campaigns", "{\"name\": {\"first\": \"x\"}}"), "name");
        assertBadRequest(client.post("/api/v2/generate/image",
                "{\"campaign_id\": \"" + campaign + "\", \"prompt\": 42}"), "prompt");
        assertBadRequest(client.post("/api/v2/generate/image",
                "{\"campaign_id\": \"" + campaign + "\", \"prompt\": \"a cat\", \"output_format\": true}"), "output_format");
        assertBadRequest(admin.post("/api/v2/clients", "{\"name\": 7}"), "name");
        assertBadRequest(admin.post("/api/v2/clients/" + tenant.clientId() + "/api-keys", "{\"name\": 7}"), "name");
        assertThat(campaignCount(tenant)).isEqualTo(1);
        assertNoJob();
    }

    @Test
    void aStringOrBooleanWhereANumberIsExpectedIsRefused() {
        assertBadRequest(client.post("/api/v2/campaigns", "{\"name\": \"x\", \"budget_usd\": \"100\"}"), "budget_usd");
        assertBadRequest(client.post("/api/v2/campaigns", "{\"name\": \"x\", \"budget_usd\": true}"), "budget_usd");
        assertBadRequest(client.post("/api/v2/campaigns", "{\"name\": \"x\", \"budget_usd\": [100]}"), "budget_usd");
        String video = "{\"campaign_id\": \"" + campaign + "\", \"prompt\": \"a cat\", ";
        assertBadRequest(client.post("/api/v2/generate/video", video + "\"duration_s\": \"5\"}"), "duration_s");
        assertBadRequest(client.post("/api/v2/generate/video", video + "\"duration_s\": 5.5}"), "duration_s");
        assertBadRequest(client.post("/api/v2/generate/video", video + "\"duration_s\": true}"), "duration_s");
        assertBadRequest(client.post("/api/v2/generate/video", video + "\"duration_s\": \"\"}"), "duration_s");
        assertBadRequest(client.post("/api/v2/generate/video", video + "\"seed\": \"42\"}"), "seed");
        assertBadRequest(client.post("/api/v2/generate/image",
                "{\"campaign_id\": 12345, \"prompt\": \"a cat\"}"), "campaign_id");
        assertThat(campaignCount(tenant)).isEqualTo(1);
        assertNoJob();
    }

    @Test
    void theWrongTypeIsNamedInTheMessage() {
        var reply = client.post("/api/v2/campaigns", "{\"name\": 12345}");

        assertThat(reply.json().path("error").path("message").asString()).as("%s", reply).contains("name", "string");
    }

    // --- defect 10: NUL characters and forged cursors

    @Test
    void aNulCharacterInAStoredStringIsRefusedNamingTheField() {
        String nul = "\\u0000";
        assertBadRequest(client.post("/api/v2/campaigns", "{\"name\": \"a" + nul + "b\"}"), "name");
        assertBadRequest(client.post("/api/v2/campaigns", "{\"name\": \"x\", \"description\": \"" + nul + "\"}"), "description");
        assertBadRequest(client.patch("/api/v2/campaigns/" + campaign, "{\"name\": \"a" + nul + "\"}"), "name");
        assertBadRequest(client.patch("/api/v2/campaigns/" + campaign, "{\"description\": \"a" + nul + "\"}"), "description");
        assertBadRequest(client.post("/api/v2/generate/image",
                "{\"campaign_id\": \"" + campaign + "\", \"prompt\": \"a cat" + nul + "\"}"), "prompt");
        assertBadRequest(client.post("/api/v2/generate/video", "{\"campaign_id\": \"" + campaign
                + "\", \"prompt\": \"a cat\", \"negative_prompt\": \"" + nul + "dogs\"}"), "negative_prompt");
        assertBadRequest(client.post("/api/v2/generate/image", "{\"campaign_id\": \"" + campaign
                + "\", \"prompt\": \"a cat\", \"idempotency_key\": \"k" + nul + "\"}"), "idempotency_key");
        assertBadRequest(admin.post("/api/v2/clients", "{\"name\": \"Nul" + nul + "\"}"), "name");
        assertBadRequest(admin.post("/api/v2/clients",
                "{\"name\": \"Nul\", \"brand_guidelines\": {\"voice\": \"calm" + nul + "\"}}"), "brand_guidelines.voice");
        assertBadRequest(admin.post("/api/v2/clients",
                "{\"name\": \"Nul\", \"brand_guidelines\": {\"vo" + nul + "ice\": \"calm\"}}"), "brand_guidelines");
        assertBadRequest(admin.post("/api/v2/clients/" + tenant.clientId() + "/api-keys",
                "{\"name\": \"key" + nul + "\"}"), "name");

        assertThat(campaignCount(tenant)).isEqualTo(1);
        assertThat(client.get("/api/v2/campaigns/" + campaign).json().path("name").asString()).isEqualTo("target");
        assertNoJob();
    }

    @Test
    void anUnpairedSurrogateIsRefusedRatherThanStoredAsAQuestionMark() {
        assertBadRequest(client.post("/api/v2/campaigns", "{\"name\": \"broken \\ud800\"}"), "name");
        assertBadRequest(client.patch("/api/v2/campaigns/" + campaign, "{\"name\": \"\\udc00\"}"), "name");
        assertBadRequest(client.post("/api/v2/generate/image",
                "{\"campaign_id\": \"" + campaign + "\", \"prompt\": \"\\udc00 cat\"}"), "prompt");
        assertBadRequest(admin.post("/api/v2/clients",
                "{\"name\": \"x\", \"brand_guidelines\": {\"a\": [\"\\ud800\"]}}"), "brand_guidelines.a[0]");

        var paired = client.post("/api/v2/campaigns", "{\"name\": \"rocket \\ud83d\\ude80\"}");
        assertThat(paired.status()).as("%s", paired).isEqualTo(201);
        assertThat(paired.json().path("name").asString()).isEqualTo("rocket \uD83D\uDE80");
        assertThat(campaignCount(tenant)).isEqualTo(2);
        assertNoJob();
    }

    @Test
    void aNulCharacterInAnUploadsFilenameIsRefused() {
        var reply = client.upload(assets(), "logo\u0000.png", "image/png", png(8, 8));

        assertBadRequest(reply, "filename");
        assertNoAsset();
    }

    @Test
    void aCursorWithAnAbsurdTimestampIsRefused() {
        for (long micros : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 400_000_000_000_000_000L, -100_000_000_000_000_000L}) {
            String cursor = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + ":" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
            for (var reply : List.of(client.get("/api/v2/campaigns?cursor=" + cursor),
                    client.get("/api/v2/jobs?cursor=" + cursor),
                    client.get("/api/v2/campaigns/" + campaign + "/generated-images?cursor=" + cursor),
                    admin.get("/api/v2/clients?cursor=" + cursor))) {
                assertBadRequest(reply, "cursor");
            }
        }
    }

    // --- defect 7: what is read is bounded

    @Test
    void aJsonBodyOverTheLimitIsRefusedWith413() {
        String prompt = "a".repeat(3 * 1024 * 1024);
        var reply = quickly(() -> client.post("/api/v2/generate/image",
                "{\"campaign_id\": \"" + campaign + "\", \"prompt\": \"" + prompt + "\"}"));

        assertThat(reply.status()).as("%.300s", reply).isEqualTo(413);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.errorCode()).isEqualTo("payload_too_large");
        assertNoJob();
    }

    @Test
    void aChunkedJsonBodyOverTheLimitIsRefusedWith413() throws Exception {
        // valid JSON all the way (blanks between tokens), so only the size can stop it
        byte[] body = ("{\"name\": \"padded\"" + " ".repeat(3 * 1024 * 1024) + "}").getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/campaigns"))
                .header("Authorization", "Bearer " + tenant.key()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        var response = quickly(() -> {
            try {
                return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(response.request().headers().firstValue("Content-Length")).isEmpty();
        assertThat(response.statusCode()).as("%.300s", response.body()).isEqualTo(413);
        assertThat(response.body()).contains("payload_too_large");
        assertThat(campaignCount(tenant)).isEqualTo(1);
    }

    @Test
    void aBodyInAnotherFormatThanJsonIsRefusedRatherThanReadWithoutTheJsonRules() throws Exception {
        // YAML (or XML) would be read by a lenient mapper: NULs, wrong types and no size limit
        for (String type : new String[] {"application/yaml", "application/xml", "application/x-yaml"}) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/campaigns"))
                    .header("Authorization", "Bearer " + tenant.key()).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("name: \"a\\0b\"\nstatus: 123\n")).build();

            var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as("%s: %.300s", type, response.body()).isEqualTo(415);
        }
        assertThat(campaignCount(tenant)).isEqualTo(1);
    }

    @Test
    void aHugeStringInsideBrandGuidelinesIsRefused() {
        String story = "b".repeat(300_000);
        var reply = quickly(() -> admin.post("/api/v2/clients",
                "{\"name\": \"Long story\", \"brand_guidelines\": {\"story\": \"" + story + "\"}}"));

        assertThat(reply.status()).as("%.300s", reply).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.errorField()).as("%.300s", reply).startsWith("brand_guidelines");
    }

    @Test
    void aWebpClaimingHugeDimensionsIsRefusedAndASmallOneIsMeasured() {
        var bomb = client.upload(assets(), "bomb.webp", "image/webp", CraftedImages.webpVp8x(16000, 16000));

        assertBadRequest(bomb, "file");
        assertThat(bomb.json().path("error").path("message").asString()).contains("16000x16000", "megapixels");
        assertNoAsset();

        var small = client.upload(assets(), "logo.webp", "image/webp", CraftedImages.webpVp8l(64, 32));

        assertThat(small.status()).as("%s", small).isEqualTo(201);
        assertThat(small.json().path("content_type").asString()).isEqualTo("image/webp");
        assertThat(small.json().path("width").asInt()).isEqualTo(64);
        assertThat(small.json().path("height").asInt()).isEqualTo(32);
    }

    @Test
    void aWebpWhoseSizeCannotBeReadIsRefused() {
        assertBadRequest(client.upload(assets(), "odd.webp", "image/webp", CraftedImages.webpUnknownChunk()), "file");
        assertNoAsset();
    }

    @Test
    void aLargeCompressiblePngIsAcceptedAndMeasured() {
        byte[] poster = CraftedImages.blackPng(6000, 6000); // made outside the guard: only the answer is timed
        var reply = quickly(() -> client.upload(assets(), "poster.png", "image/png", poster));

        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        assertThat(reply.json().path("width").asInt()).isEqualTo(6000);
        assertThat(reply.json().path("height").asInt()).isEqualTo(6000);
    }

    @Test
    void uploadsAreRateLimitedPerApiKey() {
        byte[] png = png(4, 4);
        for (int i = 0; i < uploadsPerMinute; i++) {
            var reply = client.upload(assets(), "n" + i + ".png", "image/png", png);
            assertThat(reply.status()).as("upload %d: %s", i, reply).isEqualTo(201);
        }

        var limited = client.upload(assets(), "one-too-many.png", "image/png", png);

        assertThat(limited.status()).as("%s", limited).isEqualTo(429);
        assertThat(limited.errorCode()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        var otherKey = as(newTenant("Someone else"));
        var other = otherKey.upload("/api/v2/campaigns/" + otherKey.post("/api/v2/campaigns", Map.of("name", "theirs")).id()
                + "/assets", "theirs.png", "image/png", png);
        assertThat(other.status()).as("another key has its own allowance: %s", other).isEqualTo(201);
    }

    private String assets() {
        return "/api/v2/campaigns/" + campaign + "/assets";
    }

    private static <T> T quickly(Supplier<T> call) {
        return assertTimeoutPreemptively(QUICKLY, call::get);
    }

    private static void assertBadRequest(GatewayClient.Reply reply, String field) {
        assertThat(reply.status()).as("%.400s", reply).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.errorField()).as("%.400s", reply).isEqualTo(field);
        assertThat(reply.json().path("error").path("message").asString()).isNotBlank();
    }

    private void assertNoJob() {
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from jobs where client_id = ?", tenant.clientId()))
                .isZero();
    }

    private void assertNoAsset() {
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from assets where client_id = ?", tenant.clientId()))
                .isZero();
    }
}
