package com.reelsmith.platform.jobs;

import com.reelsmith.model.JobKind;
import com.reelsmith.platform.jdbc.Rows;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What is due or stuck, decided here and nowhere else: every unfinished state has a time after
 * which something acts. Each method claims its rows with {@code FOR UPDATE SKIP LOCKED} (any
 * number of sweepers may run) and applies its transition; the caller, in the same transaction,
 * sends the commands and events that go with it. Times are the database's, never a worker's clock.
 */
public class DueJobs {

    /** A job acted on: enough to send its command or its event. */
    public record Due(UUID id, UUID correlationId, UUID parentJobId, int attempts, int maxAttempts) {
    }

    /** A saga's parent whose wait is over, for the reason given. */
    public record OverdueParent(UUID id, UUID correlationId, String sagaState) {
    }

    /** A job past its time with nothing acting on it, as an operator lists it. */
    public record Stuck(UUID id, String kind, String status, UUID parentJobId, UUID clientId, UUID campaignId,
                        int attempts, String errorCode, Instant createdAt, Instant updatedAt) {
    }

    /**
     * Stuck: unfinished and untouched for longer than {@code after} -- queued, retrying or waiting
     * with no change, or running on a lease that ran out that long ago (the sweeper should have
     * acted long since). A running job whose worker keeps its lease alive is never stuck, and neither
     * is a saga parent waiting on a child that is still on its way (a production's scenes queued behind
     * a backlog): the child is what is stuck, if anything, and the saga's deadline covers it.
     */
    private static final String STUCK = """
            ((status in ('queued', 'retrying', 'waiting') and updated_at < now() - make_interval(secs => :after)
              and not exists (select 1 from jobs c where c.parent_job_id = jobs.id
                               and c.status in ('queued', 'running', 'waiting', 'retrying')))
             or (status = 'running' and lease_expires_at < now() - make_interval(secs => :after)))
            """;

    private static final String DUE = "returning id, correlation_id, parent_job_id, attempts, max_attempts";

    private final JdbcClient jdbc;

    public DueJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stuck jobs, oldest first, a page at a time after ({@code afterCreatedAt}, {@code afterId}). Reads only. */
    public List<Stuck> stuck(Duration after, OffsetDateTime afterCreatedAt, UUID afterId, int limit) {
        return jdbc.sql("select id, kind, status, parent_job_id, client_id, campaign_id, attempts, error_code, created_at,"
                        + " updated_at from jobs where " + STUCK + """
                  and (cast(:afterCreatedAt as timestamptz) is null or (created_at, id) > (:afterCreatedAt, :afterId))
                order by created_at, id limit :limit
                """).param("after", after.toMillis() / 1000.0).param("afterCreatedAt", afterCreatedAt)
                .param("afterId", afterId).param("limit", limit).query(Rows.of(Stuck.class)).list();
    }

    /** Unfinished -> failed with code {@code stuck}, if it is still stuck: an operator gave up on it (and retries it). */
    public boolean failStuck(UUID id, Duration after) {
        return jdbc.sql("""
                update jobs set status = 'failed', error_code = 'stuck',
                       error_message = 'stuck (' || status || ' with nothing acting on it); failed by an operator, who retries it as a new job',
                       lease_owner = null, lease_expires_at = null, next_attempt_at = null, finished_at = now(), updated_at = now()
                where id = :id and """ + STUCK).param("id", id).param("after", after.toMillis() / 1000.0).update() == 1;
    }

    /** A saga parent that has waited on its children the longest (null when none waits). */
    public record WaitingSaga(UUID id, String kind, String sagaState, Instant waitingSince) {
    }

    public java.util.Optional<WaitingSaga> oldestWaitingSaga() {
        return jdbc.sql("""
                select id, kind, saga_state, updated_at as waiting_since from jobs
                where status = 'waiting' and saga_state is not null and prediction_id is null
                order by updated_at limit 1
                """).query(Rows.of(WaitingSaga.class)).optional();
    }

    /** retrying, its backoff over -> queued again (the caller sends the command). */
    public List<Due> queueDueRetries(JobKind kind, int limit) {
        return jdbc.sql("""
                update jobs set status = 'queued', next_attempt_at = null, resends = 0, updated_at = now()
                where id in (select id from jobs where kind = :kind and status = 'retrying' and next_attempt_at <= now()
                             order by next_attempt_at limit :limit for update skip locked)
                """ + DUE).param("kind", kind.wire()).param("limit", limit).query(Rows.of(Due.class)).list();
    }

    /**
     * queued for longer than {@code after}, doubled for every time its command was already sent
     * again: the command seems lost (a dead-lettered message, a broker that dropped it). At most
     * {@code limit}, oldest first; the caller sends the commands again.
     */
    public List<Due> resendStaleQueued(JobKind kind, Duration after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.sql("""
                update jobs set resends = resends + 1, updated_at = now()
                where id in (select id from jobs where kind = :kind and status = 'queued'
                               and updated_at < now() - make_interval(secs => :seconds * power(2, least(resends, 6)))
                             order by updated_at limit :limit for update skip locked)
                """ + DUE).param("kind", kind.wire()).param("seconds", after.toMillis() / 1000.0).param("limit", limit)
                .query(Rows.of(Due.class)).list();
    }

    /** How many jobs of a kind wait for a worker: the most commands a healthy queue of theirs holds. */
    public int queuedCount(JobKind kind) {
        return jdbc.sql("select count(*) from jobs where kind = :kind and status = 'queued'")
                .param("kind", kind.wire()).query(Integer.class).single();
    }

    /** running whose lease ran out (its worker died or its attempt overran): the caller retries or fails it. */
    public List<Due> expiredLeases(JobKind kind, int limit) {
        return jdbc.sql("""
                select id, correlation_id, parent_job_id, attempts, max_attempts from jobs
                where kind = :kind and status = 'running' and lease_expires_at < now()
                order by lease_expires_at limit :limit for update skip locked
                """).param("kind", kind.wire()).param("limit", limit).query(Rows.of(Due.class)).list();
    }

    /** running, its worker lost -> retrying now (queued again by the next pass). */
    public boolean retryLostWorker(UUID id) {
        return jdbc.sql("""
                update jobs set status = 'retrying', next_attempt_at = now(), lease_owner = null, lease_expires_at = null,
                       error_code = 'worker_lost', error_message = 'the worker running this job stopped responding; retrying',
                       updated_at = now()
                where id = :id and status = 'running' and lease_expires_at < now()
                """).param("id", id).update() == 1;
    }

    /** running, its worker lost once too often -> failed. */
    public boolean failLostWorker(UUID id) {
        return jdbc.sql("""
                update jobs set status = 'failed', error_code = 'worker_lost',
                       error_message = 'the worker running this job stopped responding ' || attempts || ' time(s); giving up',
                       lease_owner = null, lease_expires_at = null, finished_at = now(), updated_at = now()
                where id = :id and status = 'running' and lease_expires_at < now()
                """).param("id", id).update() == 1;
    }

    /**
     * waiting on a prediction whose next look is due: the look is pushed back (so the job is not
     * poked on every pass) and the caller sends the command that makes a worker look.
     */
    public List<Due> duePredictionLooks(JobKind kind, Duration lookAgainAfter, int limit) {
        return jdbc.sql("""
                update jobs set next_attempt_at = now() + make_interval(secs => :seconds), updated_at = now()
                where id in (select id from jobs where kind = :kind and status = 'waiting'
                               and prediction_id is not null and next_attempt_at <= now()
                             order by next_attempt_at limit :limit for update skip locked)
                """ + DUE).param("kind", kind.wire()).param("seconds", lookAgainAfter.toSeconds())
                .param("limit", limit).query(Rows.of(Due.class)).list();
    }

    /**
     * Saga parents waiting on children in {@code sagaState} whose wait is over: a child has been
     * working (its current attempt) for longer than {@code deadline}, or a child ended in failure
     * or cancel, or every child succeeded over {@code grace} ago and no event resumed the parent.
     * The deadline counts from the child's start, so time queued or backing off does not count.
     */
    public List<OverdueParent> overdueSagas(JobKind kind, String sagaState, Duration deadline, Duration grace, int limit) {
        return jdbc.sql("""
                select p.id, p.correlation_id, p.saga_state from jobs p
                where p.kind = :kind and p.status = 'waiting' and p.saga_state = :state and p.prediction_id is null
                  and (exists (select 1 from jobs c where c.parent_job_id = p.id and c.status in ('running', 'waiting')
                                 and c.attempt_started_at < now() - make_interval(secs => :deadline))
                       or exists (select 1 from jobs c where c.parent_job_id = p.id and c.status in ('failed', 'canceled')
                                    and c.finished_at < now() - make_interval(secs => :grace))
                       or (exists (select 1 from jobs c where c.parent_job_id = p.id)
                           and not exists (select 1 from jobs c where c.parent_job_id = p.id
                                             and (c.status <> 'succeeded' or c.finished_at > now() - make_interval(secs => :grace)))))
                order by p.updated_at limit :limit for update of p skip locked
                """).param("kind", kind.wire()).param("state", sagaState).param("deadline", deadline.toMillis() / 1000.0)
                .param("grace", grace.toMillis() / 1000.0).param("limit", limit).query(Rows.of(OverdueParent.class)).list();
    }
}
