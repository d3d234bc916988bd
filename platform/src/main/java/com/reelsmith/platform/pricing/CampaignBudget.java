package com.reelsmith.platform.pricing;

import com.reelsmith.platform.jdbc.Rows;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reserves a new job's estimate against its campaign's budget before the job is written, with one
 * conditional update of the campaign's running total ({@code committed_usd}, which the database
 * keeps equal to what the campaign's jobs may cost; see V5). Two concurrent requests cannot both
 * squeeze under the budget: the update checks and adds in one step, under the row lock.
 *
 * <p>The reservation commits on its own (one statement outside any transaction, even when the caller
 * is in one), before the job, with {@code synchronous_commit = off}, so a reservation holds the campaign's row for
 * microseconds rather than through a disk flush: submissions into one campaign do not queue behind
 * each other's commits. (A worker's transaction that changes a job's share holds the row through
 * its commit, through the V5 trigger; that happens once per finished job, and only when the cost
 * differs from the estimate.) That loses nothing: the job's own commit
 * flushes the write-ahead log up to itself, which includes the earlier reservation, so a job that
 * exists always has its reservation. A reservation whose job was not written is given back
 * ({@link #release}); only a gateway that dies between the two leaves one behind, which makes the
 * campaign refuse a little early, never spend past its budget.
 */
public class CampaignBudget {

    /** What the campaign's budget said: granted, or refused with the figures for the message. */
    public record Reservation(boolean granted, BigDecimal budgetUsd, BigDecimal committedUsd) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate outside;

    public CampaignBudget(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        // outside any transaction always (a caller's is suspended): each statement below commits on its
        // own, and its "synchronous_commit = off" can never reach a caller's transaction
        this.outside = new TransactionTemplate(transaction.getTransactionManager());
        this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    public Reservation reserve(UUID campaignId, BigDecimal amount) {
        if (amount.signum() == 0) {
            // nothing to add: a read says whether the campaign is already past its budget
            return jdbc.sql("""
                    select budget_usd is null or committed_usd <= budget_usd as granted, budget_usd, committed_usd
                    from campaigns where id = :id
                    """).param("id", campaignId).query(Rows.of(Reservation.class)).single();
        }
        return outside.execute(status -> {
            // one statement, one round trip: the check, the add and, for this statement's own commit
            // only, synchronous_commit off (set_config(..., true) lasts until the end of the statement's
            // transaction; it is evaluated whenever the row qualifies, since every condition must hold)
            boolean granted = jdbc.sql("""
                    update campaigns set committed_usd = committed_usd + :amount
                    where id = :id and (budget_usd is null or committed_usd + :amount <= budget_usd)
                      and set_config('synchronous_commit', 'off', true) = 'off'
                    """).param("amount", amount).param("id", campaignId).update() == 1;
            if (granted) {
                return new Reservation(true, null, null);
            }
            return jdbc.sql("select false as granted, budget_usd, committed_usd from campaigns where id = :id")
                    .param("id", campaignId).query(Rows.of(Reservation.class)).single();
        });
    }

    /** Gives back a reservation whose job was not written (a failed insert, or an idempotent replay won). */
    public void release(UUID campaignId, BigDecimal amount) {
        if (amount.signum() == 0) {
            return;
        }
        outside.executeWithoutResult(status -> jdbc.sql("""
                update campaigns set committed_usd = committed_usd - :amount
                where id = :id and set_config('synchronous_commit', 'off', true) = 'off'
                """).param("amount", amount).param("id", campaignId).update());
    }
}
