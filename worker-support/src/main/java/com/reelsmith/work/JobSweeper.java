package com.reelsmith.work;

import com.reelsmith.model.JobFinished;
import com.reelsmith.model.JobKind;
import com.reelsmith.platform.jobs.DueJobs;
import com.reelsmith.platform.jobs.JobCommands;
import com.reelsmith.platform.messaging.Outbox;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What makes "nothing is lost" true after crashes, for one kind of job: due retries are queued
 * again with a fresh command, jobs whose worker died (lease expired) are retried or failed,
 * waiting predictions get their next look, and queued jobs whose command seems lost get it
 * again. Which jobs those are is {@link DueJobs}'s to say; any number of sweepers may run.
 */
public class JobSweeper {

    private static final Logger log = LoggerFactory.getLogger(JobSweeper.class);
    private static final int BATCH = 100;

    private final DueJobs due;
    private final TransactionTemplate transaction;
    private final Outbox outbox;
    private final AmqpAdmin admin;
    private final WorkerProperties properties;

    public JobSweeper(DueJobs due, TransactionTemplate transaction, Outbox outbox, AmqpAdmin admin,
                      WorkerProperties properties) {
        this.due = due;
        this.transaction = transaction;
        this.outbox = outbox;
        this.admin = admin;
        this.properties = properties;
    }

    /** One pass; returns how many jobs it acted on. {@code commandQueue}: where this kind's commands wait. */
    public int sweep(JobKind kind, String commandQueue) {
        Integer acted = transaction.execute(status -> recoverExpiredLeases(kind) + queueDueRetries(kind)
                + lookAtDuePredictions(kind));
        return (acted == null ? 0 : acted) + resendLostCommands(kind, commandQueue);
    }

    private int recoverExpiredLeases(JobKind kind) {
        var lost = due.expiredLeases(kind, BATCH);
        for (var job : lost) {
            if (job.attempts() >= job.maxAttempts()) {
                if (due.failLostWorker(job.id())) {
                    outbox.publishEvent(JobFinished.failed(kind, job.id(), job.correlationId(), job.parentJobId(),
                            "worker_lost", "the worker running this job stopped responding"));
                    log.warn("job {} failed: its worker was lost {} time(s)", job.id(), job.attempts());
                }
            } else if (due.retryLostWorker(job.id())) {
                log.warn("job {}: lease expired, its worker is presumed dead (or its attempt overran); retrying", job.id());
            }
        }
        return lost.size();
    }

    private int queueDueRetries(JobKind kind) {
        var retries = due.queueDueRetries(kind, BATCH);
        retries.forEach(job -> outbox.sendCommand(JobCommands.forJob(kind, job.id(), job.correlationId())));
        return retries.size();
    }

    /** Polling is the safety net under webhooks: no job hangs on a lost webhook. */
    private int lookAtDuePredictions(JobKind kind) {
        var looks = due.duePredictionLooks(kind, properties.predictionLookEvery(), BATCH);
        looks.forEach(job -> outbox.sendCommand(JobCommands.forJob(kind, job.id(), job.correlationId())));
        return looks.size();
    }

    /**
     * A queued job whose command is on its way is not lost, only waiting: under a backlog nothing
     * is sent again. On its way means ready in the queue or still in the outbox; only as many
     * commands as that is short of the queued jobs are re-sent (oldest first, each job backing
     * off). What a consumer holds unacked is not counted (RabbitMQ does not say without its
     * management API), so at most the consumers' prefetch may be sent twice: harmless, since a
     * worker takes a job with a conditional update, and bounded, unlike re-sending the backlog.
     */
    private int resendLostCommands(JobKind kind, String commandQueue) {
        // read in the order a command travels (queued job, outbox row, queue): a command that moves
        // on between two reads is then counted twice (nothing re-sent now, the next pass looks
        // again), never missed (which would send a duplicate of a command that is on its way)
        int queued = due.queuedCount(kind);
        int inOutbox = outbox.onTheirWay(JobCommands.commandType(kind));
        int inQueue;
        try {
            Properties queue = admin.getQueueProperties(commandQueue);
            if (queue == null) {
                return 0;
            }
            inQueue = ((Number) queue.get("QUEUE_MESSAGE_COUNT")).intValue();
        } catch (RuntimeException e) {
            return 0; // broker away: the outbox holds what is to be sent, re-sending now helps nobody
        }
        int shortBy = queued - inOutbox - inQueue;
        if (shortBy <= 0) {
            return 0;
        }
        Integer resent = transaction.execute(status -> {
            var stale = due.resendStaleQueued(kind, properties.requeueQueuedAfter(), Math.min(BATCH, shortBy));
            stale.forEach(job -> {
                log.warn("job {} has been queued for over {} and its command seems lost: sending it again", job.id(),
                        properties.requeueQueuedAfter());
                outbox.sendCommand(JobCommands.forJob(kind, job.id(), job.correlationId()));
            });
            return stale.size();
        });
        return resent == null ? 0 : resent;
    }
}
