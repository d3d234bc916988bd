package com.reelsmith.gateway.generation;

import com.reelsmith.gateway.campaigns.CampaignBudget;
import com.reelsmith.gateway.campaigns.CampaignRepository;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.model.JobKind;
import com.reelsmith.platform.jobs.JobCommands;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.messaging.Outbox;
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
 * repeated idempotency key returns the first job; the budget is checked by {@link CampaignBudget}.
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

    JobSubmission(JdbcClient jdbc, TransactionTemplate transaction, Outbox outbox, ObjectMapper json, JobTransitions jobs,
                  CampaignBudget budget) {
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
                """).param("clientId", clientId).param("key", idempotencyKey).query(Existing.class).optional()
                .map(existing -> sameRequest(existing, requestHash(kind, campaignId, input)));
    }

    /**
     * {@code asRequested}: the input as the client sent it (what an idempotent replay must match);
     * {@code input}: what the job stores, with defaults such as a random seed filled in.
     */
    public Submitted submit(CampaignRepository.CampaignRow campaign, JobKind kind, Object asRequested, Object input,
                     BigDecimal estimate, String idempotencyKey) {
        UUID jobId = UUID.randomUUID();
        UUID correlationId = UUID.randomUUID();
        String hash = requestHash(kind, campaign.id(), asRequested);
        Submitted submitted = transaction.execute(status -> {
            checkBudget(campaign.id(), estimate);
            boolean inserted = jobs.insertQueued(new JobTransitions.NewJob(jobId, campaign.clientId(), campaign.id(), kind,
                    json.writeValueAsString(input), null, correlationId, estimate, idempotencyKey, hash));
            if (!inserted) {
                return null; // a concurrent request with the same key won: answer with its job below
            }
            outbox.sendCommand(JobCommands.forJob(kind, jobId, correlationId));
            return new Submitted(jobId, kind, "queued", estimate, true);
        });
        if (submitted == null) {
            return replay(campaign.clientId(), idempotencyKey, kind, campaign.id(), asRequested).orElseThrow();
        }
        log.info("accepted {} job {} (correlation {}) for campaign {}, estimated {} USD", kind.wire(), jobId,
                correlationId, campaign.id(), estimate);
        return submitted;
    }

    private void checkBudget(UUID campaignId, BigDecimal estimate) {
        budget.allow(campaignId, estimate, "this request");
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
