package com.reelsmith.platform.jobs;

import com.reelsmith.model.JobKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every change of a job's status, each one conditional SQL update: the {@code where} clause
 * names the states it may start from (see {@link com.reelsmith.model.JobStatus}) and, for a
 * running job, the lease owner. A duplicate message, a late worker or a canceled job simply
 * updates no row, and the caller learns so from the result.
 */
public class JobTransitions {

    private final JdbcClient jdbc;

    public JobTransitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Job> find(UUID id) {
        return jdbc.sql("select " + Job.COLUMNS + " from jobs where id = :id").param("id", id).query(Job.class).optional();
    }

    /**
     * queued | retrying | running with an expired lease | waiting on its prediction -> running, owned by {@code worker} until
     * the lease ends. Counts an attempt. Empty when the job is not there to take (done, canceled,
     * running under another live lease: a duplicate command; or not of this worker's kind).
     */
    public Optional<Job> claim(UUID id, JobKind kind, String worker, Duration lease) {
        return jdbc.sql("""
                update jobs set status = 'running', lease_owner = :worker,
                       -- resuming a job that waits on its provider's prediction is not a new attempt
                       attempts = attempts + case when status = 'waiting' then 0 else 1 end,
                       lease_expires_at = now() + make_interval(secs => :leaseSeconds), next_attempt_at = null,
                       started_at = coalesce(started_at, now()), updated_at = now()
                where id = :id and kind = :kind
                  and (status in ('queued', 'retrying') or (status = 'running' and lease_expires_at < now())
                       or (status = 'waiting' and prediction_id is not null))
                returning""" + " " + Job.COLUMNS)
                .param("id", id).param("kind", kind.wire()).param("worker", worker).param("leaseSeconds", lease.toSeconds())
                .query(Job.class).optional();
    }

    /** waiting (in saga state {@code from}) -> running in saga state {@code to}: a saga step resumes. */
    public Optional<Job> resume(UUID id, String from, String to, String worker, Duration lease) {
        return jdbc.sql("""
                update jobs set status = 'running', saga_state = :to, saga_deadline_at = null, lease_owner = :worker,
                       lease_expires_at = now() + make_interval(secs => :leaseSeconds), updated_at = now()
                where id = :id and status = 'waiting' and saga_state = :from
                returning""" + " " + Job.COLUMNS)
                .param("id", id).param("from", from).param("to", to).param("worker", worker)
                .param("leaseSeconds", lease.toSeconds()).query(Job.class).optional();
    }

    /** A long provider call keeps its lease alive; false means the job was taken away (canceled, say). */
    public boolean heartbeat(UUID id, String worker, Duration lease) {
        return jdbc.sql("""
                update jobs set lease_expires_at = now() + make_interval(secs => :leaseSeconds)
                where id = :id and status = 'running' and lease_owner = :worker
                """).param("id", id).param("worker", worker).param("leaseSeconds", lease.toSeconds()).update() == 1;
    }

    public boolean progress(UUID id, String worker, int percent, String stage) {
        return jdbc.sql("""
                update jobs set progress = greatest(progress, :percent), current_stage = :stage, updated_at = now()
                where id = :id and status = 'running' and lease_owner = :worker
                """).param("id", id).param("worker", worker).param("percent", percent).param("stage", stage).update() == 1;
    }

    /** running (this worker's) -> succeeded, with its result and what it cost. */
    public boolean succeed(UUID id, String worker, UUID resultId, BigDecimal costUsd) {
        return jdbc.sql("""
                update jobs set status = 'succeeded', result_id = :resultId, cost_usd = :cost, progress = 100,
                       current_stage = 'done', lease_owner = null, lease_expires_at = null, error_code = null,
                       error_message = null, finished_at = now(), updated_at = now()
                where id = :id and status = 'running' and lease_owner = :worker
                """).param("id", id).param("worker", worker).param("resultId", resultId).param("cost", costUsd)
                .update() == 1;
    }

    /** running (this worker's) -> failed, for good. */
    public boolean fail(UUID id, String worker, String code, String message) {
        return jdbc.sql("""
                update jobs set status = 'failed', error_code = :code, error_message = :message, lease_owner = null,
                       lease_expires_at = null, finished_at = now(), updated_at = now()
                where id = :id and status = 'running' and lease_owner = :worker
                """).param("id", id).param("worker", worker).param("code", code).param("message", message).update() == 1;
    }

    /** waiting -> failed: a saga step failed or ran out of time while no worker held the job. */
    public boolean failWaiting(UUID id, String code, String message) {
        return jdbc.sql("""
                update jobs set status = 'failed', error_code = :code, error_message = :message, saga_deadline_at = null,
                       finished_at = now(), updated_at = now()
                where id = :id and status = 'waiting'
                """).param("id", id).param("code", code).param("message", message).update() == 1;
    }

    /**
     * running (this worker's) -> retrying at {@code at}; the sweeper sends a new command then. A
     * failed prediction is forgotten, so the next attempt starts a new one.
     */
    public boolean retryLater(UUID id, String worker, Instant at, String code, String message) {
        return jdbc.sql("""
                update jobs set status = 'retrying', next_attempt_at = :at, error_code = :code, error_message = :message,
                       lease_owner = null, lease_expires_at = null, prediction_id = null, updated_at = now()
                where id = :id and status = 'running' and lease_owner = :worker
                """).param("id", id).param("worker", worker).param("at", utc(at)).param("code", code)
                .param("message", message).update() == 1;
    }

    /** running (this worker's) -> waiting in a saga state, until an event resumes it or the deadline passes. */
    public boolean await(UUID id, String worker, String sagaState, Instant deadline) {
        return jdbc.sql("""
                update jobs set status = 'waiting', saga_state = :state, saga_deadline_at = :deadline,
                       lease_owner = null, lease_expires_at = null, progress = greatest(progress, 10),
                       current_stage = :state, updated_at = now()
                where id = :id and status = 'running' and lease_owner = :worker
                """).param("id", id).param("worker", worker).param("state", sagaState).param("deadline", utc(deadline))
                .update() == 1;
    }

    /**
     * running (this worker's) -> waiting on the provider's prediction, to be looked at again at
     * {@code nextLook} (or sooner, when a webhook comes). The prediction id is stored before
     * anything else can happen to the job, so a crash never loses a prediction that is billed.
     */
    public boolean awaitPrediction(UUID id, String worker, String provider, String predictionId, Instant nextLook,
                                   int progress, String stage) {
        return jdbc.sql("""
                update jobs set status = 'waiting', provider = :provider,
                       prediction_id = :predictionId, next_attempt_at = :next, lease_owner = null, lease_expires_at = null,
                       progress = greatest(progress, :progress), current_stage = :stage, updated_at = now()
                where id = :id and status = 'running' and lease_owner = :worker
                """).param("id", id).param("worker", worker).param("provider", provider)
                .param("predictionId", predictionId).param("next", utc(nextLook)).param("progress", progress)
                .param("stage", stage).update() == 1;
    }

    /** Any unfinished state -> canceled, with the job's unfinished children. Returns the ids canceled. */
    public List<UUID> cancel(UUID id) {
        return jdbc.sql("""
                update jobs set status = 'canceled', lease_owner = null, lease_expires_at = null, next_attempt_at = null,
                       error_code = 'canceled', error_message = 'canceled by the client', finished_at = now(), updated_at = now()
                where (id = :id or parent_job_id = :id) and status in ('queued', 'running', 'waiting', 'retrying')
                returning id
                """).param("id", id).query(UUID.class).list();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
