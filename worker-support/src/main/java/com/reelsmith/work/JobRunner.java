package com.reelsmith.work;

import com.reelsmith.model.JobKind;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.messaging.PoisonMessage;
import com.reelsmith.provider.ProviderException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one loop every job goes through, whatever its kind: take it with a conditional update (a
 * duplicate or stray command takes nothing), keep its lease while it works, give the attempt a
 * deadline that aborts a call that stopped moving, poll its prediction or start its step, then
 * record the result or the failure.
 */
public class JobRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobTransitions jobs;
    private final GenerationProvider provider;
    private final JobFailures failures;
    private final LeaseKeeper leases;
    private final WorkerIdentity worker;
    private final WorkerProperties properties;
    private final JobMetrics metrics;
    private final ExecutorService attempts = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "job-attempt");
        t.setDaemon(true);
        return t;
    });

    public JobRunner(JobTransitions jobs, GenerationProvider provider, JobFailures failures, LeaseKeeper leases,
                     WorkerIdentity worker, WorkerProperties properties, JobMetrics metrics) {
        this.metrics = metrics;
        this.jobs = jobs;
        this.provider = provider;
        this.failures = failures;
        this.leases = leases;
        this.worker = worker;
        this.properties = properties;
    }

    /** A command for job {@code jobId}: take it if it is there to take, then run the step {@code steps} gives for it. */
    public void run(UUID jobId, JobKind kind, Function<Job, JobStep> steps) {
        Optional<Job> job = claim(jobId, kind);
        if (job.isEmpty() && notTaken(jobId, kind)) {
            job = claim(jobId, kind); // it was parked on its prediction meanwhile: the poke is for that look
        }
        job.ifPresent(claimed -> runClaimed(claimed, steps.apply(claimed)));
    }

    private Optional<Job> claim(UUID jobId, JobKind kind) {
        return jobs.claim(jobId, kind, worker.id(), properties.lease(), properties.attemptTimeout());
    }

    /** A job this worker holds already (just claimed, or resumed by a saga). */
    public void runClaimed(Job job, JobStep step) {
        try (var logContext = JobLog.of(job)) {
            Instant deadline = Instant.now().plus(properties.attemptTimeout());
            try (var lease = leases.keep(job.id())) {
                metrics.started(job);
                if (!job.awaitsPrediction()) {
                    log.info("{} job {} started (attempt {}/{})", job.kind(), job.id(), job.attempts(), job.maxAttempts());
                }
                StepResult result = withinDeadline(job, deadline,
                        () -> job.awaitsPrediction() ? step.poll(job, provider) : step.start(job));
                if (result instanceof StepResult.Done done) {
                    if (step.record(job, done)) {
                        metrics.finished(job, "succeeded");
                        log.info("{} job {} succeeded: {}x{} {}", job.kind(), job.id(), done.media().width(),
                                done.media().height(), done.media().contentType());
                    } else {
                        log.info("{} job {} was canceled or taken over meanwhile; result dropped", job.kind(), job.id());
                    }
                } else if (result instanceof StepResult.Waiting waiting) {
                    log.info("{} job {} waits on prediction {}", job.kind(), job.id(), waiting.predictionId());
                } else if (result instanceof StepResult.Parked parked) {
                    log.info("{} job {} waits on its children ({})", job.kind(), job.id(), parked.sagaState());
                } else if (result instanceof StepResult.Recorded recorded) {
                    log.info("{} job {} succeeded: {} {}", job.kind(), job.id(), recorded.summary(), recorded.resultId());
                }
            } catch (ProviderException e) {
                failures.failed(job, e);
            } catch (AttemptTimedOut e) {
                if (job.awaitsPrediction() && jobs.parkOnPrediction(job.id(), worker.id(),
                        Instant.now().plus(properties.predictionLookEvery()), "look_timed_out")) {
                    // the prediction may be billed already: look at it again rather than start another
                    log.warn("{} job {}: looking at prediction {} overran ({}); looking again later", job.kind(), job.id(),
                            job.predictionId(), e.getMessage());
                } else {
                    failures.failed(job, "attempt_timeout", e.getMessage(), true);
                }
            } catch (RuntimeException e) {
                log.error("{} job {} hit an unexpected error", job.kind(), job.id(), e);
                failures.failed(job, "internal_error", "unexpected error in the " + job.kind() + " worker: " + e.getMessage(),
                        true);
            }
        }
    }

    /**
     * Not ours to take. Poison if there is no such job or it is another kind's; a job running
     * right now is poked (a webhook may have said its prediction finished, and it is looked at as
     * soon as it is parked); anything else is a duplicate or late command. True when the job was
     * parked on its prediction between our claim and this look: worth one more claim.
     */
    private boolean notTaken(UUID jobId, JobKind kind) {
        Job existing = jobs.find(jobId).orElseThrow(() -> new PoisonMessage("no job " + jobId));
        if (existing.jobKind() != kind) {
            throw new PoisonMessage("job " + jobId + " is a " + existing.kind() + " job, sent to the wrong worker");
        }
        if ("running".equals(existing.status()) && jobs.poke(jobId)) {
            log.info("job {} is running elsewhere: poked, so it is looked at again once it is parked", jobId);
            return false;
        }
        if ("waiting".equals(existing.status()) && existing.awaitsPrediction()) {
            return true;
        }
        log.info("job {} is {} and not ours to take: duplicate or late command, ignored", jobId, existing.status());
        return false;
    }

    /**
     * Runs the provider step on a thread of its own and waits at most until {@code deadline}; past
     * it the thread is interrupted (Java's HTTP client and its body streams give up when
     * interrupted) and the attempt fails as retryable. The lease stops being renewed at the same
     * deadline, so even a call that ignores the interrupt cannot keep the job.
     */
    private StepResult withinDeadline(Job job, Instant deadline, Supplier<StepResult> step) {
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        // the consumed message's span goes along too: the provider's span is its child, not a new trace
        Future<StepResult> attempt = attempts.submit(io.opentelemetry.context.Context.current().wrap(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                return step.get();
            } finally {
                MDC.clear();
            }
        }));
        try {
            long waitMs = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            return attempt.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            attempt.cancel(true);
            throw new AttemptTimedOut("the attempt did not finish within " + properties.attemptTimeout().toSeconds()
                    + " s (a stalled provider call or download); it was aborted");
        } catch (InterruptedException e) {
            attempt.cancel(true);
            Thread.currentThread().interrupt();
            throw new AttemptTimedOut("the worker was stopped during the attempt");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error && !(error instanceof VirtualMachineError)) {
                // a class or native library that does not load, a failed assertion, Java2D without
                // fonts: fails this attempt like any bug. An Error thrown on would end the listener's
                // delivery and leave the job to time out as "worker lost" three leases later. The
                // JVM's own (out of memory, stack overflow) still go on.
                throw new IllegalStateException(error.toString(), error);
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    static final class AttemptTimedOut extends RuntimeException {
        AttemptTimedOut(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        attempts.shutdownNow();
    }
}
