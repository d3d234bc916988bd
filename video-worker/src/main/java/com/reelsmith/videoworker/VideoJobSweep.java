package com.reelsmith.videoworker;

import com.reelsmith.model.JobFinished;
import com.reelsmith.model.JobKind;
import com.reelsmith.platform.jobs.JobSweeper;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.work.WorkerProperties;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Sweeps video jobs like image jobs, and fails sagas whose start image did not come in time. */
@Component
class VideoJobSweep {

    private static final Logger log = LoggerFactory.getLogger(VideoJobSweep.class);

    record Overdue(UUID id, UUID correlationId) {
    }

    private final JobSweeper sweeper;
    private final JobTransitions jobs;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final WorkerProperties properties;

    VideoJobSweep(JobSweeper sweeper, JobTransitions jobs, Outbox outbox, JdbcClient jdbc,
                  TransactionTemplate transaction, WorkerProperties properties) {
        this.sweeper = sweeper;
        this.jobs = jobs;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${reelsmith.worker.sweep-interval:2s}")
    void sweep() {
        try {
            sweeper.sweep(JobKind.VIDEO, properties.requeueQueuedAfter());
            failOverdueSagas();
        } catch (RuntimeException e) {
            log.warn("video job sweep failed this time: {}", e.getMessage());
        }
    }

    void failOverdueSagas() {
        transaction.executeWithoutResult(status -> {
            List<Overdue> overdue = jdbc.sql("""
                    select id, correlation_id from jobs
                    where kind = 'video' and status = 'waiting' and saga_deadline_at < now()
                    limit 100 for update skip locked
                    """).query(Overdue.class).list();
            for (Overdue job : overdue) {
                String message = "the start image was not ready within " + properties.sagaDeadline().toSeconds() + " s";
                if (jobs.failWaiting(job.id(), "start_image_timeout", message)) {
                    jdbc.sql("""
                            update jobs set status = 'canceled', error_code = 'parent_failed',
                                   error_message = 'the video that needed this image gave up waiting', lease_owner = null,
                                   lease_expires_at = null, finished_at = now(), updated_at = now()
                            where parent_job_id = :id and status in ('queued', 'running', 'waiting', 'retrying')
                            """).param("id", job.id()).update();
                    outbox.publishEvent(JobFinished.failed(JobKind.VIDEO, job.id(), job.correlationId(), null,
                            "start_image_timeout", message));
                    log.warn("video job {} failed: {}", job.id(), message);
                }
            }
        });
    }
}
