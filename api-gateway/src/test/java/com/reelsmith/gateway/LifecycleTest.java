package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.gateway.auth.KeyUsage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Clients and campaigns change and retire; keys expire, may only read, and show when they were last
 * used (written in the background, not per request).
 */
class LifecycleTest extends GatewayIntegrationTest {

    @Autowired
    KeyUsage usage;

    @Test
    void anArchivedCampaignOrClientRefusesNewWorkWithA409UntilActiveAgain() {
        var tenant = newTenant("Archiver");
        UUID campaign = newCampaign(tenant, "old launch");
        var image = Map.of("campaign_id", campaign, "prompt", "a sneaker");

        var archived = as(tenant).patch("/api/v2/campaigns/" + campaign, Map.of("status", "archived"));
        var refused = as(tenant).post("/api/v2/generate/image", image);
        var brief = as(tenant).post("/api/v2/campaigns/" + campaign + "/briefs", Map.of("text", "a launch film"));
        var estimate = as(tenant).post("/api/v2/estimates/video", Map.of("campaign_id", campaign, "prompt", "pan"));
        var stillReadable = as(tenant).get("/api/v2/campaigns/" + campaign);
        as(tenant).patch("/api/v2/campaigns/" + campaign, Map.of("status", "active"));
        var againActive = as(tenant).post("/api/v2/generate/image", image);

        assertThat(archived.json().path("status").asString()).isEqualTo("archived");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("campaign_archived");
        assertThat(brief.errorCode()).isEqualTo("campaign_archived");
        assertThat(estimate.errorCode()).isEqualTo("campaign_archived");
        assertThat(stillReadable.status()).isEqualTo(200);
        assertThat(againActive.status()).isEqualTo(202);

        var clientArchived = admin.patch("/api/v2/clients/" + tenant.clientId(), Map.of("status", "archived", "name", "Archiver Ltd"));
        var refusedForClient = as(tenant).post("/api/v2/generate/image", image);
        assertThat(clientArchived.status()).as("%s", clientArchived).isEqualTo(200);
        assertThat(clientArchived.json().path("name").asString()).isEqualTo("Archiver Ltd");
        assertThat(refusedForClient.errorCode()).isEqualTo("client_archived");
        assertThat(as(tenant).patch("/api/v2/clients/" + tenant.clientId(), Map.of("name", "mine")).status()).isEqualTo(403);
        assertThat(admin.patch("/api/v2/clients/" + tenant.clientId(), Map.of("status", "gone")).errorField()).isEqualTo("status");
        assertThat(admin.patch("/api/v2/clients/" + tenant.clientId(), Map.of("colour", "red")).errorField()).isEqualTo("colour");
    }

    @Test
    void anExpiredKeyIsRefusedSayingSoAndAReadKeyMayOnlyRead() {
        var tenant = newTenant("Key Holder");
        UUID campaign = newCampaign(tenant, "keys");
        String keys = "/api/v2/clients/" + tenant.clientId() + "/api-keys";
        var later = admin.post(keys, Map.of("name", "later", "expires_at", Instant.now().plus(1, ChronoUnit.HOURS).toString()));
        var soon = admin.post(keys, Map.of("name", "soon", "expires_at", Instant.now().plusSeconds(3).toString()));
        var reader = admin.post(keys, Map.of("name", "dashboard", "scope", "read"));
        String readKey = reader.json().path("api_key").asString();

        var readerReads = anonymous.as(readKey).get("/api/v2/campaigns/" + campaign);
        var readerWrites = anonymous.as(readKey).post("/api/v2/generate/image", Map.of("campaign_id", campaign, "prompt", "x"));
        var beforeExpiry = anonymous.as(later.json().path("api_key").asString()).get("/api/v2/campaigns");
        sleepUntil(Instant.parse(soon.json().path("expires_at").asString()).plusMillis(100));
        var afterExpiry = anonymous.as(soon.json().path("api_key").asString()).get("/api/v2/campaigns");

        assertThat(soon.status()).as("%s", soon).isEqualTo(201);
        assertThat(reader.json().path("scope").asString()).isEqualTo("read");
        assertThat(readerReads.status()).isEqualTo(200);
        assertThat(readerWrites.status()).isEqualTo(403);
        assertThat(readerWrites.errorCode()).isEqualTo("read_only_key");
        assertThat(beforeExpiry.status()).isEqualTo(200);
        assertThat(afterExpiry.status()).isEqualTo(401);
        assertThat(afterExpiry.errorCode()).isEqualTo("api_key_expired");
        assertThat(afterExpiry.json().path("error").path("message").asString()).contains("expired");
        assertThat(admin.post(keys, Map.of("expires_at", "2020-01-01T00:00:00Z")).errorField()).isEqualTo("expires_at");
        assertThat(admin.post(keys, Map.of("scope", "write")).errorField()).isEqualTo("scope");
    }

    @Test
    void lastUsedAtIsWrittenByTheBackgroundFlushNotByTheRequest() {
        var tenant = newTenant("Frequent User");
        usage.flush(); // whatever other tests left noted

        for (int i = 0; i < 5; i++) {
            assertThat(as(tenant).get("/api/v2/campaigns").status()).isEqualTo(200);
        }
        String beforeFlush = GatewayEnvironment.queryString(DB, "select last_used_at::text from api_keys where id = ?", tenant.keyId());
        int written = usage.flush();
        var listed = as(tenant).get("/api/v2/clients/" + tenant.clientId() + "/api-keys").json().path("items");

        assertThat(beforeFlush).as("no write on the request path").isNull();
        assertThat(written).as("five requests, one write").isGreaterThanOrEqualTo(1);
        JsonNodeAssert.lastUsedOf(listed, tenant.keyId());
        assertThat(Instant.parse(JsonNodeAssert.lastUsedOf(listed, tenant.keyId())))
                .isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
    }

    private static void sleepUntil(Instant at) {
        long millis = at.toEpochMilli() - System.currentTimeMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads a key's last_used_at out of a key listing. */
    static final class JsonNodeAssert {
        static String lastUsedOf(tools.jackson.databind.JsonNode items, UUID keyId) {
            for (var item : items) {
                if (item.path("id").asString().equals(keyId.toString())) {
                    assertThat(item.path("last_used_at").isString()).as("last_used_at of %s", item).isTrue();
                    return item.path("last_used_at").asString();
                }
            }
            throw new AssertionError("key " + keyId + " not listed: " + items);
        }
    }
}
