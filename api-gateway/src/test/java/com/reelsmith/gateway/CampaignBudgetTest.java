package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.platform.pricing.CampaignBudget;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A campaign's running total of what its jobs may cost ({@code committed_usd}): reserved as a job
 * is accepted, never past the budget however requests interleave, and following every later change
 * of a job (billed, failed, canceled, a saga's child) so it always equals the sum over its jobs.
 */
class CampaignBudgetTest extends GatewayIntegrationTest {

    @Autowired
    CampaignBudget budget;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void priced(DynamicPropertyRegistry registry) {
        registry.add("reelsmith.provider.name", () -> "replicate");
        registry.add("reelsmith.rate-limits.image-per-minute", () -> "1000");
    }

    @Test
    void concurrentRequestsNeverPassTheBudgetTogether() throws Exception {
        var tenant = newTenant("Rush Co");
        var campaign = as(tenant).post("/api/v2/campaigns", Map.of("name", "rush", "budget_usd", 0.39)).id();
        int requests = 30;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        var statuses = new java.util.concurrent.ConcurrentLinkedQueue<Integer>();
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < requests; i++) {
                int n = i;
                futures.add(pool.submit(() -> statuses.add(as(tenant).post("/api/v2/generate/image",
                        Map.of("campaign_id", campaign, "prompt", "rush " + n)).status())));
            }
            for (var f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).as("0.39 USD buys ten 0.039 USD images, however the requests interleave")
                .filteredOn(s -> s == 202).hasSize(10);
        assertThat(statuses).filteredOn(s -> s == 402).hasSize(requests - 10);
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from jobs where campaign_id = ?", campaign)).isEqualTo(10);
        assertThat(committedTenThousandths(campaign)).isEqualTo(3900);
    }

    @Test
    void aCanceledJobThatNothingBilledGivesItsEstimateBack() {
        var tenant = newTenant("Undo Co");
        var campaign = as(tenant).post("/api/v2/campaigns", Map.of("name", "undo", "budget_usd", 0.05)).id();
        var first = as(tenant).post("/api/v2/generate/image", Map.of("campaign_id", campaign, "prompt", "one"));
        var refused = as(tenant).post("/api/v2/generate/image", Map.of("campaign_id", campaign, "prompt", "two"));

        var cancel = as(tenant).post("/api/v2/jobs/" + first.json().path("job_id").asString() + "/cancel", Map.of());
        var second = as(tenant).post("/api/v2/generate/image", Map.of("campaign_id", campaign, "prompt", "two"));

        assertThat(refused.status()).isEqualTo(402);
        assertThat(cancel.status()).as("%s", cancel).isEqualTo(200);
        assertThat(second.status()).as("the canceled job no longer counts: %s", second).isEqualTo(202);
        assertThat(committedTenThousandths(campaign)).isEqualTo(390);
    }

    @Test
    void theCampaignsRunningTotalIsWhatItsJobsMayCostAfterEveryKindOfChange() {
        var tenant = newTenant("Ledger Co");
        var campaign = as(tenant).post("/api/v2/campaigns", Map.of("name", "ledger")).id();
        var ids = new java.util.ArrayList<UUID>();
        for (int i = 0; i < 4; i++) {
            ids.add(UUID.fromString(as(tenant).post("/api/v2/generate/image", Map.of("campaign_id", campaign,
                    "prompt", "job " + i)).json().path("job_id").asString()));
        }
        // billed above the estimate, failed after billing, failed unbilled, and a child moving part of an estimate
        GatewayEnvironment.update(DB, "update jobs set status = 'succeeded', cost_usd = 0.05, finished_at = now() where id = ?", ids.get(0));
        GatewayEnvironment.update(DB, "update jobs set status = 'failed', cost_usd = 0.02, finished_at = now() where id = ?", ids.get(1));
        GatewayEnvironment.update(DB, "update jobs set status = 'canceled', finished_at = now() where id = ?", ids.get(2));
        GatewayEnvironment.update(DB, "update jobs set estimated_cost_usd = 0.01 where id = ?", ids.get(3));
        GatewayEnvironment.update(DB, """
                insert into jobs (id, client_id, campaign_id, kind, status, input, parent_job_id, correlation_id, estimated_cost_usd)
                select gen_random_uuid(), client_id, campaign_id, 'image', 'queued', '{}', id, correlation_id, 0.029
                from jobs where id = ?
                """, ids.get(3));

        long sum = GatewayEnvironment.queryLong(DB, """
                select (sum(case when status in ('failed', 'canceled') then coalesce(cost_usd, 0)
                                 else greatest(coalesce(cost_usd, 0), estimated_cost_usd) end) * 10000)::bigint
                from jobs where campaign_id = ?
                """, campaign);
        assertThat(sum).as("0.05 + 0.02 + 0 + 0.01 + 0.029").isEqualTo(1090);
        assertThat(committedTenThousandths(campaign)).isEqualTo(sum);
    }

    @Test
    void aReservationInsideACallersTransactionIsItsOwnAndLeavesThatCommitSynchronous() {
        var tenant = newTenant("Inside Co");
        var campaign = as(tenant).post("/api/v2/campaigns", Map.of("name", "inside", "budget_usd", 1)).id();

        String callersSetting = transaction.execute(status -> {
            jdbc.sql("set local synchronous_commit = on").update(); // the embedded test database runs with it off
            assertThat(budget.reserve(campaign, new BigDecimal("0.25")).granted()).isTrue();
            String setting = jdbc.sql("select current_setting('synchronous_commit')").query(String.class).single();
            status.setRollbackOnly();
            return setting;
        });

        assertThat(callersSetting).as("the reservation's synchronous_commit = off is for its own statement only")
                .isEqualTo("on");
        assertThat(committedTenThousandths(campaign)).as("the caller's rollback leaves the reservation").isEqualTo(2500);
        budget.release(campaign, new BigDecimal("0.25"));
        assertThat(committedTenThousandths(campaign)).isZero();
    }

    private static long committedTenThousandths(UUID campaign) {
        return GatewayEnvironment.queryLong(DB, "select (committed_usd * 10000)::bigint from campaigns where id = ?", campaign);
    }
}
