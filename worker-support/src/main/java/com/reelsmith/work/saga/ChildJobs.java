package com.reelsmith.work.saga;

import com.reelsmith.model.JobFinished;
import com.reelsmith.model.JobKind;
import com.reelsmith.platform.jdbc.Rows;
import com.reelsmith.platform.jobs.DueJobs;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobCommands;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.platform.messaging.ProcessedMessages;
import com.reelsmith.work.GenerationProvider;
import com.reelsmith.work.WorkerIdentity;
import com.reelsmith.work.WorkerProperties;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The saga support: a {@link FanOut} step's children, their events, its deadline and its
 * compensation, in plain SQL transitions (no thread waits, no framework). A parent waits in
 * Postgres; each child's event is taken once (processed-messages), and the sweeper catches what
 * events cannot: a child that overran the deadline (counted from the child's start, on the
 * database's clock), and a child whose event never came.
 */
public class ChildJobs {

    private static final Logger log = LoggerFactory.getLogger(ChildJobs.class);

    /**
     * A child to start: its kind, its input (stored as the job's JSON), what it will cost, and the
     * saga's own name for it ({@code tag}: a production's scene position, say; null when it needs none).
     */
    public record Child(JobKind kind, Object input, BigDecimal estimatedCostUsd, String tag) {

        public Child(JobKind kind, Object input, BigDecimal estimatedCostUsd) {
            this(kind, input, estimatedCostUsd, null);
        }
    }

    /**
     * A fan-out whose children start a window at a time: at most {@link #cap()} unfinished at once,
     * the next one started in the transaction that takes a child's event (or by the sweeper, when
     * that event was lost). The saga keeps what is still to start; these are its answers.
     */
    public interface Window {

        /** How many children may be unfinished at once. */
        int cap();

        /** At most {@code limit} children still to start for {@code parentId}, in order (in the starting transaction). */
        List<Child> next(UUID parentId, int limit);

        /** A child {@link #next} gave was started as job {@code childId} (same transaction). */
        void started(UUID parentId, Child child, UUID childId);

        /** How a failed child is named in its parent's error ("scene s3 (position 3): "), or "". */
        default String describe(UUID childId) {
            return "";
        }
    }

    /** The fan-out of a fixed set of children, all started at once: nothing more to start later. */
    private static final Window ALL_AT_ONCE = new Window() {
        @Override
        public int cap() {
            return Integer.MAX_VALUE;
        }

        @Override
        public List<Child> next(UUID parentId, int limit) {
            return List.of();
        }

        @Override
        public void started(UUID parentId, Child child, UUID childId) {
        }
    };

    record ChildState(UUID id, String status, String errorCode, String errorMessage, boolean overdue) {
    }

    private final JobTransitions jobs;
    private final DueJobs due;
    private final ProcessedMessages processed;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final GenerationProvider provider;
    private final WorkerIdentity worker;
    private final WorkerProperties properties;
    private final ObjectMapper json;

    public ChildJobs(JobTransitions jobs, DueJobs due, ProcessedMessages processed, Outbox outbox, JdbcClient jdbc,
                     TransactionTemplate transaction, GenerationProvider provider, WorkerIdentity worker,
                     WorkerProperties properties, ObjectMapper json) {
        this.jobs = jobs;
        this.due = due;
        this.processed = processed;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.provider = provider;
        this.worker = worker;
        this.properties = properties;
        this.json = json;
    }

    /**
     * In one transaction: the children, queued with their commands, and the parent (running,
     * ours) waiting in the fan-out's state. False, with nothing written, when the parent is no
     * longer ours (canceled meanwhile).
     */
    public boolean start(Job parent, FanOut fanOut, List<Child> children) {
        Boolean started = transaction.execute(status -> {
            for (Child child : children) {
                UUID childId = UUID.randomUUID();
                var row = new JobTransitions.NewJob(childId, parent.clientId(), parent.campaignId(), child.kind(),
                        json.writeValueAsString(child.input()), parent.id(), parent.correlationId(),
                        child.estimatedCostUsd(), null, null);
                if (!jobs.insertChild(parent.id(), worker.id(), row)) {
                    status.setRollbackOnly();
                    return false;
                }
                outbox.sendCommand(JobCommands.forJob(child.kind(), childId, parent.correlationId()));
            }
            if (!jobs.awaitChildren(parent.id(), worker.id(), fanOut.waitingState())) {
                status.setRollbackOnly();
                return false;
            }
            return true;
        });
        return Boolean.TRUE.equals(started);
    }

    /**
     * A windowed fan-out's first children (as many as the window allows, counting any a previous
     * attempt started), then the parent waiting, in one transaction. False, with nothing written,
     * when the parent is no longer ours.
     */
    public boolean start(Job parent, FanOut fanOut, Window window) {
        Boolean started = transaction.execute(status -> {
            int room = window.cap() - unfinishedChildren(parent.id());
            for (Child child : window.next(parent.id(), Math.max(0, room))) {
                UUID childId = UUID.randomUUID();
                if (!jobs.insertChild(parent.id(), worker.id(), newJob(parent.id(), parent.clientId(),
                        parent.campaignId(), parent.correlationId(), childId, child))) {
                    status.setRollbackOnly();
                    return false;
                }
                window.started(parent.id(), child, childId);
                outbox.sendCommand(JobCommands.forJob(child.kind(), childId, parent.correlationId()));
            }
            if (!jobs.awaitChildren(parent.id(), worker.id(), fanOut.waitingState())) {
                status.setRollbackOnly();
                return false;
            }
            return true;
        });
        return Boolean.TRUE.equals(started);
    }

    /**
     * A child's event. The parent resumes (returned, running and ours, for the caller to run its
     * next step) once every child succeeded; it fails, and the other children are canceled, when
     * one failed for good. A duplicate event does nothing.
     */
    public Optional<Job> onChildFinished(JobFinished event, FanOut fanOut) {
        return onChildFinished(event, fanOut, ALL_AT_ONCE);
    }

    /**
     * As {@link #onChildFinished(JobFinished, FanOut)} for a windowed fan-out: a child that
     * succeeded makes room for the next, started in the same transaction; the parent resumes once
     * nothing is left to start and every child succeeded.
     */
    public Optional<Job> onChildFinished(JobFinished event, FanOut fanOut, Window window) {
        if (event.parentJobId() == null) {
            return Optional.empty(); // a client's own job: no saga waits for it
        }
        List<JobTransitions.Canceled> canceled = new ArrayList<>();
        Optional<Job> resumed = transaction.execute(status -> {
            if (!processed.firstDelivery(fanOut.consumer(), event.messageId())) {
                log.info("child event {} already handled: duplicate ignored", event.messageId());
                return Optional.<Job>empty();
            }
            lockParent(event.parentJobId());
            if (event.endedInSuccess()) {
                return startMore(event.parentJobId(), fanOut, window) == 0 && allChildrenSucceeded(event.parentJobId())
                        ? jobs.resume(event.parentJobId(), fanOut.waitingState(), fanOut.resumedState(), worker.id(),
                        properties.lease(), properties.attemptTimeout())
                        : Optional.<Job>empty();
            }
            canceled.addAll(failParent(event.parentJobId(), fanOut, event.errorCode(),
                    fanOut.childFailed() + window.describe(event.jobId()) + event.errorMessage()));
            return Optional.<Job>empty();
        });
        stopAtProvider(canceled);
        return resumed == null ? Optional.empty() : resumed;
    }

    /**
     * The sweeper's part: parents whose wait is over. A child that overran the deadline fails its
     * parent (and the other children are canceled, at the provider too); a failed child whose
     * event was lost fails it likewise; children that all succeeded without their event reaching
     * the parent put it back in the queue, with a command, for a worker to take its next step.
     * Returns how many parents it acted on.
     */
    public int sweepOverdue(FanOut fanOut) {
        return sweepOverdue(fanOut, ALL_AT_ONCE);
    }

    /** As {@link #sweepOverdue(FanOut)}; children that all succeeded without their events make room for the next ones. */
    public int sweepOverdue(FanOut fanOut, Window window) {
        List<JobTransitions.Canceled> canceled = new ArrayList<>();
        int[] acted = {0};
        transaction.executeWithoutResult(status -> {
            var overdue = due.overdueSagas(fanOut.parentKind(), fanOut.waitingState(), deadlineOf(fanOut),
                    properties.sagaGrace(), 100);
            for (var parent : overdue) {
                List<ChildState> children = children(parent.id(), deadlineOf(fanOut));
                var overran = children.stream().filter(ChildState::overdue).findFirst();
                var failed = children.stream().filter(c -> "failed".equals(c.status()) || "canceled".equals(c.status()))
                        .findFirst();
                if (overran.isPresent()) {
                    canceled.addAll(failParent(parent.id(), fanOut, fanOut.timeoutCode(), "a child job did not finish within "
                            + deadlineOf(fanOut).toSeconds() + " s of starting"));
                } else if (failed.isPresent()) {
                    canceled.addAll(failParent(parent.id(), fanOut, failed.get().errorCode(),
                            fanOut.childFailed() + window.describe(failed.get().id()) + failed.get().errorMessage()));
                } else if (allChildrenSucceeded(parent.id()) && startMore(parent.id(), fanOut, window) > 0) {
                    log.warn("job {}: its children finished but no event said so; started the next ones", parent.id());
                } else if (allChildrenSucceeded(parent.id())
                        && jobs.requeueParent(parent.id(), fanOut.waitingState(), fanOut.resumedState())) {
                    log.warn("job {}: its children finished but no event resumed it; queued for its next step", parent.id());
                    outbox.sendCommand(JobCommands.forJob(fanOut.parentKind(), parent.id(), parent.correlationId()));
                } else {
                    continue; // a child moved on since the query looked (a retry, say): nothing is due after all
                }
                acted[0]++;
            }
        });
        stopAtProvider(canceled);
        return acted[0];
    }

    /** In the caller's transaction, the parent locked and waiting: children to fill the window's room. */
    private int startMore(UUID parentId, FanOut fanOut, Window window) {
        int room = window.cap() - unfinishedChildren(parentId);
        if (room <= 0) {
            return 0;
        }
        List<Child> next = window.next(parentId, room);
        if (next.isEmpty()) {
            return 0;
        }
        Job parent = jobs.find(parentId).orElseThrow();
        int started = 0;
        for (Child child : next) {
            UUID childId = UUID.randomUUID();
            if (!jobs.insertChildOfWaiting(parentId, fanOut.waitingState(), newJob(parentId, parent.clientId(),
                    parent.campaignId(), parent.correlationId(), childId, child))) {
                break; // the parent is no longer waiting (canceled, failed): nothing more to start
            }
            window.started(parentId, child, childId);
            outbox.sendCommand(JobCommands.forJob(child.kind(), childId, parent.correlationId()));
            started++;
        }
        return started;
    }

    private JobTransitions.NewJob newJob(UUID parentId, UUID clientId, UUID campaignId, UUID correlationId, UUID childId,
                                         Child child) {
        return new JobTransitions.NewJob(childId, clientId, campaignId, child.kind(),
                json.writeValueAsString(child.input()), parentId, correlationId, child.estimatedCostUsd(), null, null);
    }

    private int unfinishedChildren(UUID parentId) {
        return jdbc.sql("""
                select count(*) from jobs where parent_job_id = :id and status not in ('succeeded', 'failed', 'canceled')
                """).param("id", parentId).query(Integer.class).single();
    }

    private List<JobTransitions.Canceled> failParent(UUID parentId, FanOut fanOut, String code, String message) {
        if (!jobs.failWaiting(parentId, code, message)) {
            return List.of();
        }
        var canceled = jobs.cancelChildren(parentId, "parent_failed", "the job that needed this one failed: " + message);
        Job parent = jobs.find(parentId).orElseThrow();
        outbox.publishEvent(JobFinished.failed(fanOut.parentKind(), parentId, parent.correlationId(), parent.parentJobId(),
                code, message));
        log.warn("job {} failed: {} ({} child job(s) canceled)", parentId, message, canceled.size());
        return canceled;
    }

    /** After the commit: a canceled child's prediction stops costing money (best effort). */
    private void stopAtProvider(List<JobTransitions.Canceled> canceled) {
        for (var child : canceled) {
            if (child.predictionId() != null) {
                try {
                    provider.cancelPrediction(child.predictionId());
                    log.info("canceled prediction {} of canceled child job {}", child.predictionId(), child.id());
                } catch (RuntimeException e) {
                    log.warn("could not cancel prediction {} of child job {}: {}", child.predictionId(), child.id(),
                            e.getMessage());
                }
            }
        }
    }

    /** Two children's events for one parent are taken one at a time, so exactly one of them sees all done. */
    private void lockParent(UUID parentId) {
        jdbc.sql("select id from jobs where id = :id for update").param("id", parentId).query(UUID.class).optional();
    }

    private boolean allChildrenSucceeded(UUID parentId) {
        return jdbc.sql("select count(*) from jobs where parent_job_id = :id and status <> 'succeeded'")
                .param("id", parentId).query(Integer.class).single() == 0;
    }

    private java.time.Duration deadlineOf(FanOut fanOut) {
        return fanOut.deadline() != null ? fanOut.deadline() : properties.sagaDeadline();
    }

    private List<ChildState> children(UUID parentId, java.time.Duration deadline) {
        return jdbc.sql("""
                select id, status, error_code, error_message,
                       status in ('running', 'waiting')
                         and attempt_started_at < now() - make_interval(secs => :deadline) as overdue
                from jobs where parent_job_id = :id
                """).param("id", parentId).param("deadline", deadline.toMillis() / 1000.0)
                .query(Rows.of(ChildState.class)).list();
    }
}
