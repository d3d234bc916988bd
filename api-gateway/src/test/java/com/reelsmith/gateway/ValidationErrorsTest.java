package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A bad request is a 400 naming what is wrong (and which field), and it changes nothing. */
class ValidationErrorsTest extends GatewayIntegrationTest {

    Tenant tenant;
    GatewayClient client;

    @BeforeEach
    void aClient() {
        tenant = newTenant("Validation");
        client = as(tenant);
    }

    @Test
    void aCampaignWithoutANameIsRefused() {
        assertRefused(client.post("/api/v2/campaigns", Map.of("description", "no name")), "missing_field", "name");
        assertRefused(client.post("/api/v2/campaigns", Map.of("name", "   ")), "missing_field", "name");
    }

    @Test
    void aFieldOfTheWrongTypeIsRefused() {
        assertRefused(client.post("/api/v2/campaigns", "{\"name\": \"x\", \"budget_usd\": \"abc\"}"),
                "invalid_field", "budget_usd");
    }

    @Test
    void anUnknownFieldIsRefused() {
        assertRefused(client.post("/api/v2/campaigns", Map.of("name", "x", "colour", "red")), "unknown_field", "colour");
    }

    @Test
    void malformedJsonIsRefused() {
        var reply = client.post("/api/v2/campaigns", "{\"name\": \"x\",");

        assertRefused(reply, "malformed_json", null);
    }

    @Test
    void aPathIdThatIsNotAUuidIsRefused() {
        assertRefused(client.get("/api/v2/campaigns/not-a-uuid"), "invalid_field", "id");
    }

    @Test
    void aNegativeBudgetIsRefused() {
        assertRefused(client.post("/api/v2/campaigns", Map.of("name", "x", "budget_usd", -1)), "invalid_field", "budget_usd");
    }

    @Test
    void aBudgetThatRoundsPastTheLimitIsRefusedNotA500() {
        long before = campaignCount(tenant);

        var reply = client.post("/api/v2/campaigns", "{\"name\": \"x\", \"budget_usd\": 99999999.99999}");

        assertRefused(reply, "invalid_field", "budget_usd");
        assertThat(campaignCount(tenant)).isEqualTo(before);
    }

    @Test
    void anAdminMustSayWhichClientACampaignIsFor() {
        assertRefused(admin.post("/api/v2/campaigns", Map.of("name", "for whom?")), "missing_field", "client_id");
    }

    @Test
    void aClientCannotCreateACampaignForAnotherClient() {
        assertRefused(client.post("/api/v2/campaigns", Map.of("name", "x", "client_id", UUID.randomUUID())),
                "invalid_field", "client_id");
    }

    @Test
    void refusedCreationsAddNoCampaign() {
        long before = campaignCount(tenant);

        client.post("/api/v2/campaigns", Map.of("description", "no name"));
        client.post("/api/v2/campaigns", "{\"name\": \"x\", \"budget_usd\": \"abc\"}");
        client.post("/api/v2/campaigns", Map.of("name", "x", "colour", "red"));
        client.post("/api/v2/campaigns", Map.of("name", "x", "budget_usd", -1));
        client.post("/api/v2/campaigns", Map.of("name", "x", "status", "paused"));

        assertThat(campaignCount(tenant)).isEqualTo(before);
    }

    @Test
    void aRefusedPatchLeavesTheCampaignAsItWas() {
        var created = client.post("/api/v2/campaigns", Map.of("name", "Spring sale", "budget_usd", 100));
        String path = "/api/v2/campaigns/" + created.id();

        assertRefused(client.patch(path, Map.of("name", "Renamed", "status", "paused")), "invalid_field", "status");
        assertRefused(client.patch(path, Map.of("name", "Renamed", "colour", "red")), "unknown_field", "colour");
        assertRefused(client.patch(path, Map.of("name", "Renamed", "budget_usd", "lots")), "invalid_field", "budget_usd");
        assertRefused(client.patch(path, Map.of("budget_usd", -5)), "invalid_field", "budget_usd");

        var after = client.get(path).json();
        assertThat(after.path("name").asString()).isEqualTo("Spring sale");
        assertThat(after.path("status").asString()).isEqualTo("active");
        assertThat(after.path("budget_usd").decimalValue()).isEqualByComparingTo("100");
        assertThat(after.path("updated_at").asString()).isEqualTo(created.json().path("updated_at").asString());
    }

    @Test
    void aValidPatchChangesOnlyTheFieldsItNames() {
        var created = client.post("/api/v2/campaigns", Map.of("name", "Summer", "description", "beach", "budget_usd", 50));

        var patched = client.patch("/api/v2/campaigns/" + created.id(), "{\"status\": \"archived\", \"budget_usd\": null}");

        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        assertThat(patched.json().path("status").asString()).isEqualTo("archived");
        assertThat(patched.json().path("budget_usd").isNull()).isTrue();
        assertThat(patched.json().path("name").asString()).isEqualTo("Summer");
        assertThat(patched.json().path("description").asString()).isEqualTo("beach");
    }

    @Test
    void anOutOfRangeLimitIsRefused() {
        assertRefused(client.get("/api/v2/campaigns?limit=0"), "invalid_field", "limit");
        assertRefused(client.get("/api/v2/campaigns?limit=101"), "invalid_field", "limit");
        assertRefused(client.get("/api/v2/campaigns?limit=ten"), "invalid_field", "limit");
    }

    @Test
    void aCursorThisApiDidNotGiveOutIsRefused() {
        assertRefused(client.get("/api/v2/campaigns?cursor=garbage"), "invalid_field", "cursor");
        assertRefused(client.get("/api/v2/campaigns?cursor=%21%21%21"), "invalid_field", "cursor");
    }

    private static void assertRefused(GatewayClient.Reply reply, String code, String field) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.errorCode()).as("%s", reply).isEqualTo(code);
        assertThat(reply.errorField()).as("%s", reply).isEqualTo(field);
        assertThat(reply.json().path("error").path("message").asString()).isNotBlank();
    }
}
