package com.reelsmith.gateway.generation;

import com.reelsmith.gateway.campaigns.CampaignRepository;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.model.JobKind;
import io.micrometer.core.instrument.MeterRegistry;
import com.reelsmith.platform.jdbc.Rows;
import com.reelsmith.platform.jobs.JobCommands;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.logging.TraceIds;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.platform.pricing.CampaignBudget;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Accepting a job: the row and its command are written in one transaction (the transactional
 * outbox), so a 202 means the work will reach a worker even if RabbitMQ is down right now. A
 * repeated idempotency key returns the first job. The job's estimate is reserved against the
 * campaign's budget first ({@link CampaignBudget}: one conditional update, so two concurrent
 * requests cannot both squeeze under it) and given back when the job is not written. Spend counts
 * what unfinished jobs may cost and what finished ones did cost, failed and canceled ones
 * included (their provider may have billed them).
 */
@Component
public class JobSubmission {

    private static final Logger log = LoggerFactory.getLogger(JobSubmission.class);

    /** The job as the submitter learns it. {@code created}: false when an idempotent replay found it. */
    public record Submitted(UUID jobId, JobKind kind, String status, BigDecimal estimatedCostUsd, boolean created) {
    }

    record Existing(UUID id, String kind, String status, BigDecimal estimatedCostUsd, String requestHash) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final JobTransitions jobs;
    private final CampaignBudget budget;
    private final MeterRegistry meters;

    JobSubmission(JdbcClient jdbc, TransactionTemplate transaction, Outbox outbox, ObjectMapper json, JobTransitions jobs,
                  CampaignBudget budget, MeterRegistry meters) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.budget = budget;
        this.jobs = jobs;
        this.transaction = transaction;
        this.outbox = outbox;
        this.json = json;
    }

    /** The job an idempotency key already names, if any (same body required, else 409). */
    Optional<Submitted> replay(UUID clientId, String idempotencyKey, JobKind kind, UUID campaignId, Object input) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select id, kind, status, estimated_cost_usd, request_hash from jobs
                where client_id = :clientId and idempotency_key = :key
                """).param("clientId", clientId).param("key", idempotencyKey).query(Rows.of(Existing.class)).optional()
                .map(existing -> sameRequest(existing, requestHash(kind, campaignId, input)));
    }

    /**
     * {@code asRequested}: the input as the client sent it (what an idempotent replay must match);
     * {@code input}: what the job stores, with defaults such as a random seed filled in.
     */
    public Submitted submit(CampaignRepository.CampaignRow campaign, JobKind kind, Object asRequested, Object input,
                     BigDecimal estimate, String idempotencyKey) {
        return submit(campaign, kind, asRequested, input, estimate, idempotencyKey, null);
    }

    /** As above, the new job naming the failed one it retries ({@code retryOf}; one retry per job, V11). */
    public Submitted submit(CampaignRepository.CampaignRow campaign, JobKind kind, Object asRequested, Object input,
                     BigDecimal estimate, String idempotencyKey, UUID retryOf) {
        UUID jobId = UUID.randomUUID();
        UUID correlationId = TraceIds.correlationIdForNewJob(); // the request's trace id: one id in every service's logs
        String hash = requestHash(kind, campaign.id(), asRequested);
        reserve(campaign.id(), estimate);
        Submitted submitted;
        try {
            submitted = transaction.execute(status -> {
                boolean inserted = jobs.insertQueued(new JobTransitions.NewJob(jobId, campaign.clientId(), campaign.id(), kind,
                        json.writeValueAsString(input), null, correlationId, estimate, idempotencyKey, hash, retryOf));
                if (!inserted) {
                    return null; // a concurrent request with the same key won: answer with its job below
                }
                outbox.sendCommand(JobCommands.forJob(kind, jobId, correlationId));
                return new Submitted(jobId, kind, "queued", estimate, true);
            });
        } catch (RuntimeException e) {
            releaseUnlessWritten(campaign.id(), jobId, estimate);
            throw e;
        }
        if (submitted == null) {
            budget.release(campaign.id(), estimate);
            return replay(campaign.clientId(), idempotencyKey, kind, campaign.id(), asRequested).orElseThrow();
        }
        meters.counter("reelsmith.jobs.submitted", "kind", kind.wire()).increment();
        log.info("accepted {} job {} (correlation {}) for campaign {}, estimated {} USD", kind.wire(), jobId,
                correlationId, campaign.id(), estimate);
        return submitted;
    }

    /**
     * The job's transaction failed; if its commit went through after all (the connection dropped
     * after COMMIT was sent), the job exists and keeps its reservation. When even that cannot be
     * read, the reservation stays: a budget that refuses a little early, never one overspent.
     */
    private void releaseUnlessWritten(UUID campaignId, UUID jobId, BigDecimal estimate) {
        try {
            boolean written = jdbc.sql("select exists (select 1 from jobs where id = :id)").param("id", jobId)
                    .query(Boolean.class).single();
            if (!written) {
                budget.release(campaignId, estimate);
            }
        } catch (RuntimeException unreadable) {
            log.warn("job {} may or may not have been written; its {} USD stay reserved on campaign {}", jobId, estimate,
                    campaignId);
        }
    }

    private void reserve(UUID campaignId, BigDecimal estimate) {
        CampaignBudget.Reservation reservation = budget.reserve(campaignId, estimate);
        if (!reservation.granted()) {
            throw new ApiException(HttpStatus.PAYMENT_REQUIRED, "budget_exceeded", "this request would cost about "
                    + estimate + " USD; the campaign has spent or committed " + reservation.committedUsd() + " of its "
                    + reservation.budgetUsd() + " USD budget. Raise budget_usd on the campaign or wait for running jobs to finish",
                    null);
        }
    }

    private static Submitted sameRequest(Existing existing, String hash) {
        if (!hash.equals(existing.requestHash())) {
            throw new ApiException(HttpStatus.CONFLICT, "idempotency_key_reused",
                    "this idempotency key was used for a different request (job " + existing.id()
                            + "); use a new key for a new request", "idempotency_key");
        }
        return new Submitted(existing.id(), JobKind.fromWire(existing.kind()), existing.status(),
                existing.estimatedCostUsd(), false);
    }

    private String requestHash(JobKind kind, UUID campaignId, Object asRequested) {
        try {
            String canonical = kind.wire() + "|" + campaignId + "|" + json.writeValueAsString(asRequested);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
