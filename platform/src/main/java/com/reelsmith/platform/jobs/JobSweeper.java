package com.reelsmith.platform.jobs;

import com.reelsmith.model.JobFinished;
import com.reelsmith.model.JobKind;
import com.reelsmith.platform.messaging.Outbox;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What makes "nothing is lost" true after crashes: for one kind of job it sends a fresh command
 * for every retry that is due, takes back jobs whose worker died (lease expired), and re-sends
 * jobs whose command vanished (queued for too long). Any number of instances may sweep at once:
 * rows are claimed with {@code FOR UPDATE SKIP LOCKED}, and a command sent twice is harmless
 * because a worker only takes a job with a conditional update.
 */
public class JobSweeper {

    private static final Logger log = LoggerFactory.getLogger(JobSweeper.class);

    record Due(UUID id, UUID correlationId, UUID parentJobId, int attempts, int maxAttempts) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Outbox outbox;

    public JobSweeper(JdbcClient jdbc, TransactionTemplate transaction, Outbox outbox) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.outbox = outbox;
    }

    /** One pass; returns how many jobs it acted on. */
    public int sweep(JobKind kind, Duration requeueQueuedAfter) {
        Integer acted = transaction.execute(status -> resendDueRetries(kind) + recoverExpiredLeases(kind)
                + resendStaleQueued(kind, requeueQueuedAfter) + pokeDuePredictions(kind));
        return acted == null ? 0 : acted;
    }

    /**
     * Polling is the safety net under webhooks: a job waiting on its prediction gets a command
     * when its next look is due, and the worker reads the prediction. No job hangs on a lost webhook.
     */
    private int pokeDuePredictions(JobKind kind) {
        List<Due> due = jdbc.sql("""
                update jobs set next_attempt_at = now() + interval '30 seconds', updated_at = now()
                where id in (select id from jobs where kind = :kind and status = 'waiting'
                               and prediction_id is not null and next_attempt_at <= now()
                             limit 100 for update skip locked)
                returning id, correlation_id, parent_job_id, attempts, max_attempts
                """).param("kind", kind.wire()).query(Due.class).list();
        due.forEach(job -> outbox.sendCommand(JobCommands.forJob(kind, job.id(), job.correlationId())));
        return due.size();
    }

    private int resendDueRetries(JobKind kind) {
        List<Due> due = jdbc.sql("""
                update jobs set next_attempt_at = null, updated_at = now()
                where id in (select id from jobs where kind = :kind and status = 'retrying' and next_attempt_at <= now()
                             order by next_attempt_at limit 100 for update skip locked)
                returning id, correlation_id, parent_job_id, attempts, max_attempts
                """).param("kind", kind.wire()).query(Due.class).list();
        due.forEach(job -> outbox.sendCommand(JobCommands.forJob(kind, job.id(), job.correlationId())));
        return due.size();
    }

    private int recoverExpiredLeases(JobKind kind) {
        List<Due> lost = jdbc.sql("""
                select id, correlation_id, parent_job_id, attempts, max_attempts from jobs
                where kind = :kind and status = 'running' and lease_expires_at < now()
                order by lease_expires_at limit 100 for update skip locked
                """).param("kind", kind.wire()).query(Due.class).list();
        for (Due job : lost) {
            if (job.attempts() >= job.maxAttempts()) {
                jdbc.sql("""
                        update jobs set status = 'failed', error_code = 'worker_lost',
                               error_message = 'the worker running this job stopped responding ' || attempts || ' time(s); giving up',
                               lease_owner = null, lease_expires_at = null, finished_at = now(), updated_at = now()
                        where id = :id
                        """).param("id", job.id()).update();
                outbox.publishEvent(JobFinished.failed(kind, job.id(), job.correlationId(), job.parentJobId(), "worker_lost",
                        "the worker running this job stopped responding"));
                log.warn("job {} failed: its worker was lost {} time(s)", job.id(), job.attempts());
            } else {
                jdbc.sql("""
                        update jobs set status = 'retrying', next_attempt_at = null, lease_owner = null, lease_expires_at = null,
                               error_code = 'worker_lost', error_message = 'the worker running this job stopped responding; retrying',
                               updated_at = now()
                        where id = :id
                        """).param("id", job.id()).update();
                outbox.sendCommand(JobCommands.forJob(kind, job.id(), job.correlationId()));
                log.warn("job {}: lease expired, its worker is presumed dead; sent again", job.id());
            }
        }
        return lost.size();
    }

    private int resendStaleQueued(JobKind kind, Duration after) {
        List<Due> stale = jdbc.sql("""
                update jobs set updated_at = now()
                where id in (select id from jobs where kind = :kind and status = 'queued'
                               and updated_at < now() - make_interval(secs => :seconds)
                             limit 100 for update skip locked)
                returning id, correlation_id, parent_job_id, attempts, max_attempts
                """).param("kind", kind.wire()).param("seconds", after.toSeconds()).query(Due.class).list();
        stale.forEach(job -> {
            log.warn("job {} has been queued for over {}: sending its command again", job.id(), after);
            outbox.sendCommand(JobCommands.forJob(kind, job.id(), job.correlationId()));
        });
        return stale.size();
    }
}
