package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A gateway priced like Replicate: every storyboard version carries its production estimate, and
 * approving checks the campaign's budget for the whole production (402 with the figures).
 */
class StoryboardBudgetTest extends StoryboardTestBase {

    @DynamicPropertySource
    static void pricedLikeReplicate(DynamicPropertyRegistry registry) {
        registry.add("reelsmith.provider.name", () -> "replicate");
    }

    @Test
    void everyVersionCarriesItsEstimateFromThePriceTable() {
        var tenant = newTenant("Estimator");
        UUID id = plannedStoryboard(tenant);

        // the scenes last 3, 4, 4 and 4 s: four keyframes at 0.039 and four 5 s clips at 0.05/s
        var edited = as(tenant).patch("/api/v2/storyboards/" + id + "/scenes/s2", Map.of("version", 1, "duration_s", 8));

        var v2 = edited.json();
        assertThat(v2.path("estimate").path("keyframes_usd").decimalValue()).isEqualByComparingTo("0.156");
        assertThat(v2.path("estimate").path("clip_seconds").asInt()).isEqualTo(25); // s2 now needs a 10 s clip
        assertThat(v2.path("estimate").path("clips_usd").decimalValue()).isEqualByComparingTo("1.25");
        assertThat(v2.path("estimated_cost_usd").decimalValue()).isEqualByComparingTo("1.406");
    }

    @Test
    void approvingAStoryboardWhoseProductionWouldPassTheBudgetIsRefusedWith402AndTheFigures() {
        var tenant = newTenant("Frugal");
        UUID id = plannedStoryboard(tenant);
        UUID campaign = UUID.fromString(storyboard(tenant, id).json().path("campaign_id").asString());
        as(tenant).patch("/api/v2/campaigns/" + campaign, Map.of("budget_usd", 1.00));
        as(tenant).post("/api/v2/storyboards/" + id + "/submit", Map.of());

        var refused = as(tenant).post("/api/v2/storyboards/" + id + "/approve", Map.of("version", 1));

        assertThat(refused.status()).as("%s", refused).isEqualTo(402);
        assertThat(refused.errorCode()).isEqualTo("budget_exceeded");
        // 4 keyframes (0.156) + 20 s of clips (1.00) = 1.156 USD against a 1.00 budget
        assertThat(refused.json().path("error").path("message").asString()).contains("1.1560", "1.00", "0.1560", "20 s");
        assertThat(storyboard(tenant, id).json().path("status").asString()).as("still in review").isEqualTo("in_review");

        as(tenant).patch("/api/v2/campaigns/" + campaign, Map.of("budget_usd", 1.20));
        var approved = as(tenant).post("/api/v2/storyboards/" + id + "/approve", Map.of("version", 1));
        assertThat(approved.status()).as("%s", approved).isEqualTo(200);
        assertThat(new BigDecimal(GatewayEnvironment.queryString(DB, "select reserved_usd from storyboards where id = ?", id)))
                .isEqualByComparingTo("1.156");

        // the reservation counts against what comes next: 0.044 left, an image (0.039) fits, a second does not
        var image = Map.of("campaign_id", campaign, "prompt", "packshot");
        assertThat(as(tenant).post("/api/v2/generate/image", image).status()).isEqualTo(202);
        var second = as(tenant).post("/api/v2/generate/image", image);
        assertThat(second.status()).isEqualTo(402);
    }
}
