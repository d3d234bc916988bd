package com.reelsmith.gateway.ops;

import com.reelsmith.gateway.campaigns.CampaignRepository;
import com.reelsmith.gateway.generation.JobSubmission;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobTransitions;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Retrying a job that ended badly: terminal states stay terminal, so a retry is a NEW job with
 * the same input in the same campaign, naming the old one ({@code retry_of}), accepted exactly
 * as a client's request is ({@link JobSubmission}: budget reserved, row and command in one
 * transaction). One retry per job: asking again answers with the retry already made, and two
 * asking at once meet at the unique index on {@code retry_of}.
 */
@Component
class JobRetries {

    /** The retry and whether this call made it. */
    record Retry(UUID jobId, UUID retryOf, String kind, String status, BigDecimal estimatedCostUsd, boolean created) {
    }

    private final JobTransitions jobs;
    private final JobSubmission submission;
    private final CampaignRepository campaigns;
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    JobRetries(JobTransitions jobs, JobSubmission submission, CampaignRepository campaigns, JdbcClient jdbc,
               ObjectMapper json) {
        this.jobs = jobs;
        this.submission = submission;
        this.campaigns = campaigns;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** {@code job} must be failed or canceled and not a saga's child (its parent is what gets retried). */
    Retry retry(Job job) {
        Optional<Retry> existing = existingRetryOf(job.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        if (job.parentJobId() != null) {
            throw new ApiException(HttpStatus.CONFLICT, "retry_the_parent", "job " + job.id()
                    + " is a step of job " + job.parentJobId() + "; retry that job instead", null);
        }
        // a production and an export have rows of their own (scenes, the ad, the export) that a copy of the
        // job's input does not make: a production is redone by retry-scene, which adopts the clips it has
        if ("ad".equals(job.kind())) {
            throw new ApiException(HttpStatus.CONFLICT, "use_retry_scene", "job " + job.id() + " is a production;"
                    + " redo it with POST /api/v2/jobs/" + job.id() + "/retry-scene, which keeps the scenes already made",
                    null);
        }
        if ("export".equals(job.kind())) {
            throw new ApiException(HttpStatus.CONFLICT, "export_not_retryable", "job " + job.id() + " is an export;"
                    + " exports are not retried: ask for the ad's export in another format or resolution", null);
        }
        if (!"failed".equals(job.status()) && !"canceled".equals(job.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "job_not_failed", "job " + job.id() + " is " + job.status()
                    + "; only a failed or canceled job can be retried", null);
        }
        var campaign = campaigns.find(job.campaignId()).orElseThrow(() -> ApiException.notFound("campaign", job.campaignId()));
        var input = json.readTree(job.input());
        try {
            var submitted = submission.submit(campaign, job.jobKind(), input, input, quotedEstimate(job.id()), null, job.id());
            return new Retry(submitted.jobId(), job.id(), job.kind(), submitted.status(), submitted.estimatedCostUsd(), true);
        } catch (DuplicateKeyException anotherRetryWon) {
            return existingRetryOf(job.id()).orElseThrow(() -> anotherRetryWon);
        }
    }

    private Optional<Retry> existingRetryOf(UUID id) {
        return jdbc.sql("""
                select id, kind, status, estimated_cost_usd from jobs where retry_of = :id and parent_job_id is null
                """).param("id", id).query((rs, n) -> new Retry(rs.getObject("id", UUID.class), id, rs.getString("kind"),
                        rs.getString("status"), rs.getBigDecimal("estimated_cost_usd"), false)).optional();
    }

    /** What the client was quoted for the whole tree: a saga moves its estimate to its children as it makes them. */
    private BigDecimal quotedEstimate(UUID id) {
        return jdbc.sql("select coalesce(sum(estimated_cost_usd), 0) from jobs where id = :id or parent_job_id = :id")
                .param("id", id).query(BigDecimal.class).single();
    }
}
