package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One client never reaches another's rows: they answer 404, exactly like ids that do not exist. */
class TenantIsolationTest extends GatewayIntegrationTest {

    Tenant a;
    Tenant b;
    UUID campaignOfA;
    UUID assetOfA;

    @BeforeEach
    void clientAHasACampaignWithAnAsset() {
        a = newTenant("Tenant A");
        b = newTenant("Tenant B");
        campaignOfA = newCampaign(a, "A's secret launch");
        var asset = as(a).upload("/api/v2/campaigns/" + campaignOfA + "/assets", "logo.png", "image/png", png(8, 8));
        assertThat(asset.status()).as("%s", asset).isEqualTo(201);
        assetOfA = asset.id();
    }

    @Test
    void clientBGetsNotFoundOnEverythingOfClientA() {
        List<GatewayClient.Reply> replies = List.of(
                as(b).get("/api/v2/campaigns/" + campaignOfA),
                as(b).patch("/api/v2/campaigns/" + campaignOfA, Map.of("name", "taken over")),
                as(b).upload("/api/v2/campaigns/" + campaignOfA + "/assets", "x.png", "image/png", png(4, 4)),
                as(b).get("/api/v2/assets/" + assetOfA),
                as(b).get("/api/v2/assets/" + assetOfA + "/data"),
                as(b).get("/api/v2/clients/" + a.clientId()),
                as(b).get("/api/v2/clients/" + a.clientId() + "/api-keys"),
                as(b).delete("/api/v2/api-keys/" + a.keyId()));

        for (var reply : replies) {
            assertThat(reply.status()).as("%s", reply).isEqualTo(404);
            assertThat(reply.errorCode()).isEqualTo("not_found");
        }
    }

    @Test
    void clientBsRefusedRequestsChangeNothingOfClientA() {
        as(b).patch("/api/v2/campaigns/" + campaignOfA, Map.of("name", "taken over"));
        as(b).upload("/api/v2/campaigns/" + campaignOfA + "/assets", "x.png", "image/png", png(4, 4));
        as(b).delete("/api/v2/api-keys/" + a.keyId());

        assertThat(as(a).get("/api/v2/campaigns/" + campaignOfA).json().path("name").asString())
                .isEqualTo("A's secret launch");
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from assets where campaign_id = ?", campaignOfA))
                .isEqualTo(1);
        assertThat(as(a).get("/api/v2/campaigns").status()).as("A's key still works").isEqualTo(200);
    }

    @Test
    void anotherClientsIdLooksExactlyLikeAnIdThatDoesNotExist() {
        var others = as(b).get("/api/v2/campaigns/" + campaignOfA);
        var missing = as(b).get("/api/v2/campaigns/" + UUID.randomUUID());

        assertThat(others.status()).isEqualTo(missing.status());
        assertThat(others.errorCode()).isEqualTo(missing.errorCode());
    }

    @Test
    void clientBsListShowsOnlyItsOwnCampaigns() {
        UUID campaignOfB = newCampaign(b, "B's own");

        var list = as(b).get("/api/v2/campaigns");

        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list)).containsExactly(campaignOfB.toString());
    }

    @Test
    void clientBCannotListClientAsCampaignsByAskingForThem() {
        var list = as(b).get("/api/v2/campaigns?client_id=" + a.clientId());

        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list)).doesNotContain(campaignOfA.toString());
    }

    @Test
    void theAdminSeesClientAsCampaign() {
        var campaign = admin.get("/api/v2/campaigns/" + campaignOfA);
        var listOfA = admin.get("/api/v2/campaigns?client_id=" + a.clientId());

        assertThat(campaign.status()).as("%s", campaign).isEqualTo(200);
        assertThat(campaign.json().path("client_id").asString()).isEqualTo(a.clientId().toString());
        assertThat(ids(listOfA)).containsExactly(campaignOfA.toString());
        assertThat(admin.get("/api/v2/assets/" + assetOfA).status()).isEqualTo(200);
    }

    private static List<String> ids(GatewayClient.Reply list) {
        List<String> ids = new ArrayList<>();
        list.json().path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }
}
