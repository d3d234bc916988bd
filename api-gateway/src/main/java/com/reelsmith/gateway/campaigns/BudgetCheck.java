package com.reelsmith.gateway.campaigns;

import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.platform.jdbc.Rows;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The budget check of a storyboard's approval, which reserves a whole production at once: it
 * holds the campaign's row lock in the caller's transaction, so the reservation written in that
 * transaction ({@code storyboards.reserved_usd}, which the database adds to the campaign's running
 * total {@code committed_usd}, V5 and V6) is decided against a total nobody else changes meanwhile.
 * Single generations reserve without holding the lock ({@code platform.pricing.CampaignBudget}).
 */
@Component
public class BudgetCheck {

    private record Figures(BigDecimal budgetUsd, BigDecimal committedUsd) {
    }

    private final JdbcClient jdbc;

    BudgetCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the campaign has spent or committed so far (for a dry-run estimate; no lock). */
    public BigDecimal committed(UUID campaignId) {
        return jdbc.sql("select committed_usd from campaigns where id = :id").param("id", campaignId)
                .query(BigDecimal.class).single();
    }

    /** Refuses with 402 and the figures when {@code estimate} more would pass the campaign's budget. */
    public void allow(UUID campaignId, BigDecimal estimate, String what) {
        Figures figures = jdbc.sql("select budget_usd, committed_usd from campaigns where id = :id for update")
                .param("id", campaignId).query(Rows.of(Figures.class)).single();
        BigDecimal budget = figures.budgetUsd();
        if (budget == null) {
            return;
        }
        BigDecimal committed = figures.committedUsd();
        if (committed.add(estimate).compareTo(budget) > 0) {
            throw new ApiException(HttpStatus.PAYMENT_REQUIRED, "budget_exceeded", what + " would cost about "
                    + estimate + " USD; the campaign has spent or committed " + committed + " of its " + budget
                    + " USD budget (" + budget.subtract(committed).max(BigDecimal.ZERO) + " USD left). Raise budget_usd "
                    + "on the campaign or wait for running jobs to finish", null);
        }
    }
}
