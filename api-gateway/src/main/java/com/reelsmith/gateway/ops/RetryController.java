package com.reelsmith.gateway.ops;

import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.gateway.system.Refuses;
import com.reelsmith.platform.jobs.JobTransitions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /jobs/{id}/retry}: the job's owner or an admin; a new job, 202, the same one when asked again. */
@RestController
class RetryController {

    private final JobTransitions jobs;
    private final JobRetries retries;
    private final OpsAudit audit;

    RetryController(JobTransitions jobs, JobRetries retries, OpsAudit audit) {
        this.jobs = jobs;
        this.retries = retries;
        this.audit = audit;
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @Refuses({402, 409})
    @PostMapping("/api/v2/jobs/{id}/retry")
    ResponseEntity<Map<String, Object>> retry(Caller caller, @PathVariable UUID id) {
        var job = jobs.find(id).filter(j -> caller.canSee(j.clientId())).orElseThrow(() -> ApiException.notFound("job", id));
        JobRetries.Retry retry;
        try {
            retry = retries.retry(job);
        } catch (ApiException refused) {
            audit.record(caller, "job_retry", "job:" + id, "refused: " + refused.code(), Map.of("message", refused.getMessage()));
            throw refused;
        }
        audit.record(caller, "job_retry", "job:" + id, retry.created() ? "retried as job " + retry.jobId()
                : "already retried as job " + retry.jobId(), Map.of("retry_job_id", retry.jobId().toString()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", retry.jobId());
        body.put("retry_of", retry.retryOf());
        body.put("kind", retry.kind());
        body.put("status", retry.status());
        body.put("estimated_cost_usd", retry.estimatedCostUsd());
        body.put("created", retry.created());
        body.put("links", Map.of("self", "/api/v2/jobs/" + retry.jobId(), "retry_of", "/api/v2/jobs/" + id));
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", "/api/v2/jobs/" + retry.jobId()).body(body);
    }
}
