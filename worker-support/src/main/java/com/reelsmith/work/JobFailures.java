package com.reelsmith.work;

import com.reelsmith.model.JobFinished;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.provider.ProviderException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The failure policy: a retryable failure with attempts left is rescheduled in Postgres with
 * exponential backoff and full jitter (the sweeper sends the command when it is due); anything
 * else fails the job for good and tells the world, so a waiting saga hears of it.
 */
public class JobFailures {

    private static final Logger log = LoggerFactory.getLogger(JobFailures.class);

    private final TransactionTemplate transaction;
    private final JobTransitions jobs;
    private final Outbox outbox;
    private final WorkerIdentity worker;
    private final WorkerProperties properties;
    private final JobMetrics metrics;

    public JobFailures(TransactionTemplate transaction, JobTransitions jobs, Outbox outbox, WorkerIdentity worker,
                       WorkerProperties properties, JobMetrics metrics) {
        this.metrics = metrics;
        this.transaction = transaction;
        this.jobs = jobs;
        this.outbox = outbox;
        this.worker = worker;
        this.properties = properties;
    }

    /**
     * {@code job} as claimed, so {@code attempts} counts the attempt that just failed. A provider
     * that pushed back (a 429, an open circuit) costs the job no attempt: a storm of refusals
     * must not fail jobs the provider never tried; the wait honours Retry-After.
     */
    public void failed(Job job, ProviderException e) {
        Duration atLeast = e.retryAfter().orElse(Duration.ZERO);
        if (e.throttled()) {
            transaction.executeWithoutResult(status -> {
                Duration wait = backoff(1);
                Instant at = Instant.now().plus(wait.compareTo(atLeast) >= 0 ? wait : atLeast);
                if (jobs.deferLater(job.id(), worker.id(), at, e.code(), e.getMessage())) {
                    log.warn("job {}: the provider pushed back ({}: {}); trying again at {}, no attempt spent", job.id(),
                            e.code(), e.getMessage(), at);
                }
            });
            return;
        }
        failed(job, e.code(), e.getMessage(), e.retryable(), atLeast);
    }

    public void failed(Job job, String code, String message, boolean retryable) {
        failed(job, code, message, retryable, Duration.ZERO);
    }

    /** {@code atLeast}: the provider said when to come back (Retry-After); the backoff never undercuts it. */
    public void failed(Job job, String code, String message, boolean retryable, Duration atLeast) {
        transaction.executeWithoutResult(status -> {
            if (retryable && job.attempts() < job.maxAttempts()) {
                Duration wait = backoff(job.attempts());
                Instant at = Instant.now().plus(wait.compareTo(atLeast) >= 0 ? wait : atLeast);
                if (jobs.retryLater(job.id(), worker.id(), at, code, message)) {
                    log.warn("job {} attempt {}/{} failed ({}: {}); retrying at {}", job.id(), job.attempts(),
                            job.maxAttempts(), code, message, at);
                }
                return;
            }
            String finalMessage = retryable ? message + " (gave up after " + job.attempts() + " attempts)" : message;
            if (jobs.fail(job.id(), worker.id(), code, finalMessage)) {
                outbox.publishEvent(JobFinished.failed(job.jobKind(), job.id(), job.correlationId(), job.parentJobId(),
                        code, finalMessage));
                log.warn("job {} failed: {}: {}", job.id(), code, finalMessage);
                metrics.finished(job, "failed");
            }
        });
    }

    Duration backoff(int attempt) {
        long cap = Math.min(properties.retryMax().toMillis(),
                properties.retryBase().toMillis() * (1L << Math.min(20, Math.max(0, attempt - 1))));
        // full jitter: spreads the retries of many jobs that failed together (an outage)
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }
}
