package com.reelsmith.gateway.campaigns;

import com.reelsmith.gateway.system.ApiException;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one budget check, for a generation and for a storyboard's approval alike. It holds the
 * campaign's row lock (the caller's transaction), so two concurrent requests cannot both squeeze
 * under the budget. Committed spend: what unfinished jobs may cost, what finished ones did cost
 * (failed and canceled included: their provider may have billed them), and what approved
 * storyboards have reserved for their productions.
 */
@Component
public class CampaignBudget {

    private final JdbcClient jdbc;

    CampaignBudget(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Refuses with 402 and the figures when {@code estimate} more would pass the campaign's budget. */
    public void allow(UUID campaignId, BigDecimal estimate, String what) {
        BigDecimal budget = jdbc.sql("select budget_usd from campaigns where id = :id for update")
                .param("id", campaignId).query(BigDecimal.class).optional().orElse(null);
        if (budget == null) {
            return;
        }
        BigDecimal committed = jdbc.sql("""
                select coalesce((select sum(case when status in ('failed', 'canceled') then coalesce(cost_usd, 0)
                                                 else greatest(coalesce(cost_usd, 0), estimated_cost_usd) end)
                                 from jobs where campaign_id = :id), 0)
                     + coalesce((select sum(reserved_usd) from storyboards where campaign_id = :id), 0)
                """).param("id", campaignId).query(BigDecimal.class).single();
        if (committed.add(estimate).compareTo(budget) > 0) {
            throw new ApiException(HttpStatus.PAYMENT_REQUIRED, "budget_exceeded", what + " would cost about "
                    + estimate + " USD; the campaign has spent or committed " + committed + " of its " + budget
                    + " USD budget (" + budget.subtract(committed).max(BigDecimal.ZERO) + " USD left). Raise budget_usd "
                    + "on the campaign or wait for running jobs to finish", null);
        }
    }
}
