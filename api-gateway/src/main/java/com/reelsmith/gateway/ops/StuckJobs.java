package com.reelsmith.gateway.ops;

import com.reelsmith.gateway.jobs.PredictionCancels;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.model.JobFinished;
import com.reelsmith.model.JobKind;
import com.reelsmith.platform.jobs.DueJobs;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.messaging.Outbox;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Retry all stuck": each stuck top-level job is failed with code {@code stuck} (its unfinished
 * children canceled with it), then retried as a new job. Failing first keeps terminal states
 * terminal and makes the old job's late worker harmless (its conditional updates find a failed
 * job and change nothing); re-sending the old job's command instead would keep a job that has
 * already shown it cannot finish. A stuck child is left to its parent, which is stuck too (it
 * waits on the child) and retried whole.
 */
@Component
class StuckJobs {

    private static final Logger log = LoggerFactory.getLogger(StuckJobs.class);

    record Outcome(UUID jobId, String wasStatus, UUID retryJobId, String result, String reason) {
    }

    private final DueJobs due;
    private final JobTransitions jobs;
    private final JobRetries retries;
    private final TransactionTemplate transaction;
    private final OpsProperties properties;
    private final Outbox outbox;
    private final PredictionCancels predictions;

    StuckJobs(DueJobs due, JobTransitions jobs, JobRetries retries, TransactionTemplate transaction, OpsProperties properties,
              Outbox outbox, PredictionCancels predictions) {
        this.outbox = outbox;
        this.predictions = predictions;
        this.due = due;
        this.jobs = jobs;
        this.retries = retries;
        this.transaction = transaction;
        this.properties = properties;
    }

    List<DueJobs.Stuck> page(DueJobs.Stuck after, int limitPlusOne) {
        return due.stuck(properties.stuckAfter(), after == null ? null
                : java.time.OffsetDateTime.ofInstant(after.createdAt(), java.time.ZoneOffset.UTC),
                after == null ? null : after.id(), limitPlusOne);
    }

    /** At most {@code limit} stuck top-level jobs, oldest first, each failed as stuck and retried. */
    List<Outcome> retryAll(int limit) {
        List<Outcome> outcomes = new ArrayList<>();
        DueJobs.Stuck after = null;
        while (outcomes.size() < limit) {
            List<DueJobs.Stuck> page = page(after, 100);
            if (page.isEmpty()) {
                break;
            }
            for (DueJobs.Stuck stuck : page) {
                after = stuck;
                if (stuck.parentJobId() != null || outcomes.size() >= limit) {
                    continue;
                }
                outcomes.add(failAndRetry(stuck));
            }
        }
        return outcomes;
    }

    private Outcome failAndRetry(DueJobs.Stuck stuck) {
        List<UUID> canceled = new ArrayList<>();
        Boolean failed = transaction.execute(status -> {
            if (!due.failStuck(stuck.id(), properties.stuckAfter())) {
                return false;
            }
            jobs.cancelChildren(stuck.id(), "stuck", "its parent job was stuck and failed by an operator")
                    .forEach(child -> canceled.add(child.id()));
            // its end, like any job's, in the change's own transaction: the client's webhooks and streams hear of it
            var job = jobs.find(stuck.id()).orElseThrow();
            outbox.publishEvent(JobFinished.failed(JobKind.fromWire(job.kind()), job.id(), job.correlationId(),
                    job.parentJobId(), "stuck", "failed by an operator: unfinished and untouched for too long"));
            return true;
        });
        if (!Boolean.TRUE.equals(failed)) {
            return new Outcome(stuck.id(), stuck.status(), null, "skipped", "no longer stuck");
        }
        predictions.cancelPredictionsOf(canceled); // after the commit: canceled children stop costing money
        try {
            var retry = retries.retry(jobs.find(stuck.id()).orElseThrow());
            log.info("stuck {} job {} ({}) failed as stuck and retried as job {}", stuck.kind(), stuck.id(), stuck.status(),
                    retry.jobId());
            return new Outcome(stuck.id(), stuck.status(), retry.jobId(), "retried", null);
        } catch (ApiException refused) {
            log.warn("stuck job {} failed as stuck but not retried: {}", stuck.id(), refused.getMessage());
            return new Outcome(stuck.id(), stuck.status(), null, "failed_not_retried", refused.getMessage());
        }
    }
}
