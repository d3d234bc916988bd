package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A gateway priced like Replicate, with a small image rate limit: 429 with Retry-After, 402 past a budget. */
class LimitsAndBudgetTest extends GatewayIntegrationTest {

    @DynamicPropertySource
    static void pricedAndLimited(DynamicPropertyRegistry registry) {
        registry.add("reelsmith.provider.name", () -> "replicate");
        registry.add("reelsmith.rate-limits.image-per-minute", () -> "2");
    }

    @Test
    void theThirdImageInAMinuteIsRefusedWithRetryAfter() {
        var tenant = newTenant("Busy Co");
        UUID campaign = newCampaign(tenant, "busy");
        Map<String, Object> body = Map.of("campaign_id", campaign, "prompt", "again and again");

        var first = as(tenant).post("/api/v2/generate/image", body);
        var second = as(tenant).post("/api/v2/generate/image", body);
        var third = as(tenant).post("/api/v2/generate/image", body);
        var calm = newTenant("Calm Co");
        var anotherKey = as(calm).post("/api/v2/generate/image",
                Map.of("campaign_id", newCampaign(calm, "calm"), "prompt", "my first"));

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.errorCode()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(third.header("Retry-After"))).isBetween(1, 60);
        assertThat(anotherKey.status()).as("limits are per key").isEqualTo(202);
    }

    @Test
    void aRequestThatWouldPassTheCampaignBudgetIsRefusedAndChangesNothing() {
        var tenant = newTenant("Thrifty Co");
        var campaign = as(tenant).post("/api/v2/campaigns", Map.of("name", "small", "budget_usd", 0.05)).id();

        var first = as(tenant).post("/api/v2/generate/image", Map.of("campaign_id", campaign, "prompt", "one"));
        long jobs = GatewayEnvironment.queryLong(DB, "select count(*) from jobs where campaign_id = ?", campaign);
        var second = as(tenant).post("/api/v2/generate/image", Map.of("campaign_id", campaign, "prompt", "two"));

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().path("estimated_cost_usd").decimalValue()).isEqualByComparingTo(new BigDecimal("0.039"));
        assertThat(second.status()).as("%s", second).isEqualTo(402);
        assertThat(second.errorCode()).isEqualTo("budget_exceeded");
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from jobs where campaign_id = ?", campaign)).isEqualTo(jobs);
    }

    @Test
    void whatTheProviderAlreadyBilledForAFailedOrCanceledJobStillCountsAgainstTheBudget() {
        var tenant = newTenant("Billed Co");
        var campaign = as(tenant).post("/api/v2/campaigns", Map.of("name", "billed", "budget_usd", 0.10)).id();
        var first = as(tenant).post("/api/v2/generate/image", Map.of("campaign_id", campaign, "prompt", "one"));
        // its prediction ran and was billed, then the job failed (or was canceled)
        GatewayEnvironment.update(DB, "update jobs set status = 'failed', cost_usd = 0.08, finished_at = now() where id = ?",
                UUID.fromString(first.json().path("job_id").asString()));

        var second = as(tenant).post("/api/v2/generate/image", Map.of("campaign_id", campaign, "prompt", "two"));

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).as("0.08 billed + 0.039 > 0.10: %s", second).isEqualTo(402);
    }
}
