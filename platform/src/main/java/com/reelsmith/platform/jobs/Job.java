package com.reelsmith.platform.jobs;

import com.reelsmith.model.JobKind;
import com.reelsmith.model.JobStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A row of the jobs table, as every service reads it. {@code input} is the request's JSON. */
public record Job(UUID id, UUID clientId, UUID campaignId, String kind, String status, String input,
                  UUID parentJobId, UUID correlationId, int attempts, int maxAttempts, String leaseOwner,
                  String sagaState, String errorCode, String errorMessage, BigDecimal estimatedCostUsd,
                  BigDecimal costUsd, UUID resultId, int progress, String predictionId, Instant createdAt,
                  Instant finishedAt) {

    /** Waiting while its provider's prediction runs remotely (no worker holds it meanwhile). */
    public boolean awaitsPrediction() {
        return predictionId != null;
    }

    public static final String COLUMNS = """
            id, client_id, campaign_id, kind, status, input::text as input, parent_job_id, correlation_id, attempts,
            max_attempts, lease_owner, saga_state, error_code, error_message, estimated_cost_usd, cost_usd,
            result_id, progress, prediction_id, created_at, finished_at""";

    public JobKind jobKind() {
        return JobKind.fromWire(kind);
    }

    public JobStatus jobStatus() {
        return JobStatus.fromWire(status);
    }
}
