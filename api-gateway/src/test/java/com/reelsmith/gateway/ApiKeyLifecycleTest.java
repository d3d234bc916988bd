package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** An admin makes a client and its key; the key works until it is revoked, and then at once no more. */
class ApiKeyLifecycleTest extends GatewayIntegrationTest {

    @Test
    void adminCreatesAClientAndAKeyThatWorks() {
        var client = admin.post("/api/v2/clients", Map.of("name", "Acme"));
        assertThat(client.status()).as("%s", client).isEqualTo(201);
        assertThat(client.json().path("name").asString()).isEqualTo("Acme");

        var key = admin.post("/api/v2/clients/" + client.id() + "/api-keys", Map.of("name", "ci"));

        assertThat(key.status()).as("%s", key).isEqualTo(201);
        String apiKey = key.json().path("api_key").asString();
        assertThat(apiKey).startsWith("sk_");
        assertThat(apiKey).startsWith(key.json().path("prefix").asString() + "_");
        assertThat(key.json().path("client_id").asString()).isEqualTo(client.id().toString());
        assertThat(key.id()).isNotNull();

        var campaigns = anonymous.as(apiKey).get("/api/v2/campaigns");
        assertThat(campaigns.status()).as("%s", campaigns).isEqualTo(200);
        assertThat(campaigns.json().path("items").isArray()).isTrue();
    }

    @Test
    void listingKeysShowsThePrefixButNeverTheSecret() {
        var tenant = newTenant("Listing");
        String secret = tenant.key().substring(tenant.key().lastIndexOf('_') + 1);

        var listed = as(tenant).get("/api/v2/clients/" + tenant.clientId() + "/api-keys");

        assertThat(listed.status()).as("%s", listed).isEqualTo(200);
        var item = listed.json().path("items").get(0);
        assertThat(listed.json().path("items").size()).isEqualTo(1);
        assertThat(item.path("id").asString()).isEqualTo(tenant.keyId().toString());
        assertThat(item.path("prefix").asString()).isEqualTo(tenant.key().substring(0, tenant.key().lastIndexOf('_')));
        assertThat(item.has("api_key")).isFalse();
        assertThat(new String(listed.body())).doesNotContain(secret);
        // the admin's view hides it too
        assertThat(new String(admin.get("/api/v2/clients/" + tenant.clientId() + "/api-keys").body()))
                .doesNotContain(secret);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceEvenThoughItWasJustCached() {
        var tenant = newTenant("Revoking");
        assertThat(as(tenant).get("/api/v2/campaigns").status()).isEqualTo(200); // now verified and cached

        var revoked = admin.delete("/api/v2/api-keys/" + tenant.keyId());

        assertThat(revoked.status()).as("%s", revoked).isEqualTo(204);
        var refused = as(tenant).get("/api/v2/campaigns");
        assertThat(refused.status()).as("%s", refused).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("invalid_api_key");
        var listed = admin.get("/api/v2/clients/" + tenant.clientId() + "/api-keys").json().path("items").get(0);
        assertThat(listed.path("revoked_at").isString()).as("revoked_at of %s", listed).isTrue();
    }

    @Test
    void aClientCanRevokeItsOwnKeyToRotateIt() {
        var tenant = newTenant("Rotating");
        var second = admin.post("/api/v2/clients/" + tenant.clientId() + "/api-keys", Map.of("name", "new"));
        String newKey = second.json().path("api_key").asString();
        assertThat(as(tenant).get("/api/v2/campaigns").status()).isEqualTo(200);

        assertThat(anonymous.as(newKey).delete("/api/v2/api-keys/" + tenant.keyId()).status()).isEqualTo(204);

        assertThat(as(tenant).get("/api/v2/campaigns").status()).isEqualTo(401);
        assertThat(anonymous.as(newKey).get("/api/v2/campaigns").status()).isEqualTo(200);
    }

    @Test
    void theKeyMayBeSentAsXApiKey() {
        var tenant = newTenant("Header");

        var reply = anonymous.withHeader("X-API-Key", tenant.key()).get("/api/v2/campaigns");

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    }

    @Test
    void noKeyIsRefusedWithMissingApiKey() {
        var reply = anonymous.get("/api/v2/campaigns");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("missing_api_key");
    }

    @Test
    void anUnknownOrMisshapenKeyIsRefusedWithInvalidApiKey() {
        var unknown = anonymous.as("sk_abcdefgh1234_" + "A".repeat(40)).get("/api/v2/campaigns");
        var misshapen = anonymous.as("not-a-key").get("/api/v2/campaigns");

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.errorCode()).isEqualTo("invalid_api_key");
        assertThat(misshapen.status()).isEqualTo(401);
        assertThat(misshapen.errorCode()).isEqualTo("invalid_api_key");
    }

    @Test
    void aClientKeyOnAnAdminEndpointIsForbidden() {
        var tenant = newTenant("Not admin");

        var createClient = as(tenant).post("/api/v2/clients", Map.of("name", "sneaky"));
        var createKey = as(tenant).post("/api/v2/clients/" + tenant.clientId() + "/api-keys", Map.of());
        var listClients = as(tenant).get("/api/v2/clients");

        assertThat(createClient.status()).as("%s", createClient).isEqualTo(403);
        assertThat(createClient.errorCode()).isEqualTo("forbidden");
        assertThat(createKey.status()).as("%s", createKey).isEqualTo(403);
        assertThat(listClients.status()).as("%s", listClients).isEqualTo(403);
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from clients where name = 'sneaky'")).isZero();
    }
}
