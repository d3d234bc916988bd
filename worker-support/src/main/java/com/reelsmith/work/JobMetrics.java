package com.reelsmith.work;

import com.reelsmith.platform.jobs.Job;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;

/**
 * What a worker measures of the jobs it runs, as histograms: how long a job waited for its first
 * attempt ({@code reelsmith_jobs_queue_wait_seconds{kind}}) and how long it took from acceptance to
 * its end here ({@code reelsmith_jobs_duration_seconds{kind,status}}). How many finished, by
 * status and error code, is counted from the database by the gateway (every writer, sweeper and
 * saga included): {@code reelsmith_jobs_finished_total}.
 */
public class JobMetrics {

    private final MeterRegistry meters;

    public JobMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A job's first attempt begins: its wait in the queue is over. */
    void started(Job job) {
        if (job.attempts() == 1 && !job.awaitsPrediction() && job.sagaState() == null && job.createdAt() != null) {
            Timer.builder("reelsmith.jobs.queue.wait").description("time from acceptance to the first attempt")
                    .tag("kind", job.kind()).publishPercentileHistogram().register(meters)
                    .record(nonNegative(Duration.between(job.createdAt(), Instant.now())));
        }
    }

    void finished(Job job, String status) {
        if (job.createdAt() != null) {
            Timer.builder("reelsmith.jobs.duration").description("time from acceptance to the end of the job")
                    .tags("kind", job.kind(), "status", status).publishPercentileHistogram().register(meters)
                    .record(nonNegative(Duration.between(job.createdAt(), Instant.now())));
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
