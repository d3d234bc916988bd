package com.reelsmith.platform.jobs;

import com.reelsmith.model.JobKind;
import com.reelsmith.model.JobStatus;
import com.reelsmith.platform.jdbc.Rows;
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
 * The one writer of the jobs table: every insert and every change of a job's status, each one
 * conditional SQL update. The {@code where} clause names the states it may start from (held to
 * {@link JobStatus} by {@code JobStatusIsTheTruthTest}) and, for a running job, the lease
 * owner. A duplicate message, a late worker or a canceled job simply updates no row, and the
 * caller learns so from the result. What is due or stuck is found by {@link DueJobs}.
 */
public class JobTransitions {

    /** A job about to be accepted: a client's, or a saga's child ({@code parentJobId}). */
    public record NewJob(UUID id, UUID clientId, UUID campaignId, JobKind kind, String inputJson, UUID parentJobId,
                         UUID correlationId, BigDecimal estimatedCostUsd, String idempotencyKey, String requestHash,
                         UUID retryOf) {

        /** A job that retries none. */
        public NewJob(UUID id, UUID clientId, UUID campaignId, JobKind kind, String inputJson, UUID parentJobId,
                      UUID correlationId, BigDecimal estimatedCostUsd, String idempotencyKey, String requestHash) {
            this(id, clientId, campaignId, kind, inputJson, parentJobId, correlationId, estimatedCostUsd, idempotencyKey,
                    requestHash, null);
        }
    }

    /** A job that was canceled, with the prediction it may have left running at its provider. */
    public record Canceled(UUID id, String predictionId) {
    }

    private final JdbcClient jdbc;

    public JobTransitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Job> find(UUID id) {
        return jdbc.sql("select " + Job.COLUMNS + " from jobs where id = :id").param("id", id).query(Rows.of(Job.class)).optional();
    }

    /**
     * -> queued. False when a job with the same idempotency key exists (the caller answers with
     * that one). The caller sends the job's command in the same transaction, and for a top-level
     * job has reserved its estimate on the campaign first ({@code CampaignBudget.reserve}); a
     * child's share is counted by the database as it is inserted (V5).
     */
    public boolean insertQueued(NewJob job) {
        return jdbc.sql("""
                insert into jobs (id, client_id, campaign_id, kind, status, input, parent_job_id, correlation_id,
                                  estimated_cost_usd, idempotency_key, request_hash, retry_of)
                values (:id, :clientId, :campaignId, :kind, 'queued', cast(:input as jsonb), :parentId, :correlationId,
                        :estimate, :key, :hash, :retryOf)
                on conflict (client_id, idempotency_key) where idempotency_key is not null do nothing
                """).param("id", job.id()).param("clientId", job.clientId()).param("campaignId", job.campaignId())
                .param("kind", job.kind().wire()).param("input", job.inputJson()).param("parentId", job.parentJobId())
                .param("correlationId", job.correlationId()).param("estimate", job.estimatedCostUsd())
                .param("key", job.idempotencyKey()).param("hash", job.requestHash()).param("retryOf", job.retryOf())
                .update() == 1;
    }

    /**
     * A saga's child -> queued, its estimate moved from the parent (a running job of
     * {@code worker}'s) so the tree's estimate stays what the client was quoted and is counted once.
     */
    public boolean insertChild(UUID parentId, String worker, NewJob child) {
        int moved = jdbc.sql("""
                update jobs set estimated_cost_usd = greatest(estimated_cost_usd - :estimate, 0), updated_at = now()
                where id = :parentId and status = 'running' and lease_owner = :worker
                """).param("parentId", parentId).param("worker", worker).param("estimate", child.estimatedCostUsd())
                .update();
        return moved == 1 && insertQueued(child);
    }

    /**
     * A windowed fan-out's next child -> queued while its parent waits on the others (in saga state
     * {@code sagaState}): its estimate moved from the parent as in {@link #insertChild}.
     */
    public boolean insertChildOfWaiting(UUID parentId, String sagaState, NewJob child) {
        int moved = jdbc.sql("""
                update jobs set estimated_cost_usd = greatest(estimated_cost_usd - :estimate, 0), updated_at = now()
                where id = :parentId and status = 'waiting' and saga_state = :state and prediction_id is null
                """).param("parentId", parentId).param("state", sagaState).param("estimate", child.estimatedCostUsd())
                .update();
        return moved == 1 && insertQueued(child);
    }

    /**
     * queued | running with an expired lease | waiting on its prediction -> running, owned by
     * {@code worker} until the lease ends. Counts an attempt (a look at a prediction is not one).
     * Empty when the job is not there to take: done, canceled, running under a live lease (a
     * duplicate command), retrying (its backoff is not over: the sweeper queues it when it is),
     * or not of this worker's kind.
     */
    public Optional<Job> claim(UUID id, JobKind kind, String worker, Duration lease) {
        return claim(id, kind, worker, lease, lease);
    }

    /** As {@link #claim(UUID, JobKind, String, Duration)}, the attempt ending {@code attemptTimeout} from now on the database's clock. */
    public Optional<Job> claim(UUID id, JobKind kind, String worker, Duration lease, Duration attemptTimeout) {
        return jdbc.sql("""
                update jobs set status = 'running', lease_owner = :worker, poked = false,
                       attempts = attempts + case when status = 'waiting' then 0 else 1 end,
                       attempt_started_at = case when status = 'waiting' then attempt_started_at else now() end,
                       attempt_deadline_at = now() + make_interval(secs => :attemptSeconds),
                       lease_expires_at = now() + make_interval(secs => :leaseSeconds), next_attempt_at = null,
                       started_at = coalesce(started_at, now()), updated_at = now()
                where id = :id and kind = :kind
                  and (status = 'queued' or (status = 'running' and lease_expires_at < now())
                       or (status = 'waiting' and prediction_id is not null))
                returning""" + " " + Job.COLUMNS)
                .param("id", id).param("kind", kind.wire()).param("worker", worker).param("leaseSeconds", lease.toSeconds())
                .param("attemptSeconds", attemptTimeout.toMillis() / 1000.0).query(Rows.of(Job.class)).optional();
    }

    /** waiting on its children (in saga state {@code from}) -> running in saga state {@code to}: a saga step resumes. */
    public Optional<Job> resume(UUID id, String from, String to, String worker, Duration lease, Duration attemptTimeout) {
        return jdbc.sql("""
                update jobs set status = 'running', saga_state = :to, lease_owner = :worker, attempt_started_at = now(),
                       attempt_deadline_at = now() + make_interval(secs => :attemptSeconds),
                       lease_expires_at = now() + make_interval(secs => :leaseSeconds), updated_at = now()
                where id = :id and status = 'waiting' and saga_state = :from and prediction_id is null
                returning""" + " " + Job.COLUMNS)
                .param("id", id).param("from", from).param("to", to).param("worker", worker)
                .param("leaseSeconds", lease.toSeconds()).param("attemptSeconds", attemptTimeout.toMillis() / 1000.0)
                .query(Rows.of(Job.class)).optional();
    }

    /**
     * waiting on its children (in saga state {@code from}) -> queued in saga state {@code to}: the
     * sweeper found the children done without their event; a worker takes the next step from the
     * queue (the caller sends the command in the same transaction), not on the sweeper's thread.
     */
    public boolean requeueParent(UUID id, String from, String to) {
        return jdbc.sql("""
                update jobs set status = 'queued', saga_state = :to, resends = 0, next_attempt_at = null, updated_at = now()
                where id = :id and status = 'waiting' and saga_state = :from and prediction_id is null
                """).param("id", id).param("from", from).param("to", to).update() == 1;
    }

    /**
     * A long provider call keeps its lease alive, but never much past the attempt's deadline
     * (set at claim on the database's clock; a quarter lease of slack to record a result that
     * came just in time): a call that stopped moving cannot hold its job for ever. False means
     * the job was taken away (canceled, say).
     */
    public boolean heartbeat(UUID id, String worker, Duration lease) {
        return jdbc.sql("""
                update jobs set lease_expires_at = least(now() + make_interval(secs => :leaseSeconds),
                                                         coalesce(attempt_deadline_at, 'infinity')
                                                           + make_interval(secs => :leaseSeconds / 4.0))
                where id = :id and status = 'running' and lease_owner = :worker
                """).param("id", id).param("worker", worker).param("leaseSeconds", lease.toSeconds()).update() == 1;
    }

    /**
     * running (this worker's) -> waiting on the prediction it already has, looked at again at
     * {@code nextLook}: a look that could not finish (a stalled download, the attempt's deadline)
     * keeps the prediction, which may be billed already, rather than starting a second one.
     */
    public boolean parkOnPrediction(UUID id, String worker, Instant nextLook, String stage) {
        return jdbc.sql("""
                update jobs set status = 'waiting', next_attempt_at = case when poked then now() else :next end,
                       poked = false, lease_owner = null, lease_expires_at = null, current_stage = :stage, updated_at = now()
                where id = :id and status = 'running' and lease_owner = :worker and prediction_id is not null
                """).param("id", id).param("worker", worker).param("next", utc(nextLook)).param("stage", stage)
                .update() == 1;
    }

    public boolean progress(UUID id, String worker, int percent, String stage) {
        return jdbc.sql("""
                update jobs set progress = greatest(progress, :percent), current_stage = :stage, updated_at = now()
                where id = :id and status = 'running' and lease_owner = :worker
                """).param("id", id).param("worker", worker).param("percent", percent).param("stage", stage).update() == 1;
    }

    /** A saga parent's progress while it waits on its children (a production's scenes finishing). */
    public boolean progressWaiting(UUID id, int percent, String stage) {
        return jdbc.sql("""
                update jobs set progress = greatest(progress, :percent), current_stage = :stage, updated_at = now()
                where id = :id and status = 'waiting'
                """).param("id", id).param("percent", percent).param("stage", stage).update() == 1;
    }

    /** A poke (a webhook) for a job that is running right now: it is looked at again as soon as it is parked. */
    public boolean poke(UUID id) {
        return jdbc.sql("update jobs set poked = true where id = :id and status = 'running'").param("id", id).update() == 1;
    }

    /**
     * The provider finished a prediction and bills its output: the job's estimate is added to
     * its cost once per prediction, whatever happens to the job afterwards (a failed download,
     * a cancel), so a budget never forgets money that was spent.
     */
    public boolean charge(UUID id, String worker, String predictionId) {
        return jdbc.sql("""
                update jobs set cost_usd = coalesce(cost_usd, 0) + estimated_cost_usd, billed_prediction_id = :predictionId
                where id = :id and status = 'running' and lease_owner = :worker
                  and billed_prediction_id is distinct from :predictionId
                """).param("id", id).param("worker", worker).param("predictionId", predictionId).update() == 1;
    }

    /**
     * As {@link #charge}, for a prediction a job makes on the side of its own work (a production's
     * music bed): {@code amountUsd} is added to its cost once per prediction, whatever happens next.
     */
    public boolean chargeUsd(UUID id, String worker, String predictionId, BigDecimal amountUsd) {
        return jdbc.sql("""
                update jobs set cost_usd = coalesce(cost_usd, 0) + :amount, billed_prediction_id = :predictionId
                where id = :id and status = 'running' and lease_owner = :worker
                  and billed_prediction_id is distinct from :predictionId
                """).param("id", id).param("worker", worker).param("predictionId", predictionId)
                .param("amount", amountUsd).update() == 1;
    }

    /**
     * A running job (this worker's) is done with its prediction (its output is kept): it stops
     * waiting on it, so what follows counts as the job's own work (an overrun is retried as an
     * attempt, not looked at again as a prediction) and a late webhook finds nothing to hand back.
     */
    public boolean forgetPrediction(UUID id, String worker) {
        return jdbc.sql("""
                update jobs set prediction_id = null, updated_at = now()
                where id = :id and status = 'running' and lease_owner = :worker and prediction_id is not null
                """).param("id", id).param("worker", worker).update() == 1;
    }

    /** running (this worker's) -> succeeded, with its result; {@code costUsd} unless the provider already charged it. */
    public boolean succeed(UUID id, String worker, UUID resultId, BigDecimal costUsd) {
        return jdbc.sql("""
                update jobs set status = 'succeeded', result_id = :resultId, cost_usd = coalesce(cost_usd, :cost),
                       progress = 100, current_stage = 'done', lease_owner = null, lease_expires_at = null,
                       error_code = null, error_message = null, finished_at = now(), updated_at = now(), finished_by = :worker
                where id = :id and status = 'running' and lease_owner = :worker
                """).param("id", id).param("worker", worker).param("resultId", resultId).param("cost", costUsd)
                .update() == 1;
    }

    /**
     * running (this worker's) -> succeeded at exactly {@code costUsd}: what is left of its estimate is
     * released (a production's estimate moved to its children as they started; what remains was
     * reserved for work it did not need, such as keyframes its approved previews already were).
     */
    public boolean succeedAtCost(UUID id, String worker, UUID resultId, BigDecimal costUsd) {
        return jdbc.sql("""
                update jobs set status = 'succeeded', result_id = :resultId, cost_usd = :cost, estimated_cost_usd = :cost,
                       progress = 100, current_stage = 'done', lease_owner = null, lease_expires_at = null,
                       error_code = null, error_message = null, finished_at = now(), updated_at = now()
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
                update jobs set status = 'failed', error_code = :code, error_message = :message, next_attempt_at = null,
                       finished_at = now(), updated_at = now()
                where id = :id and status = 'waiting'
                """).param("id", id).param("code", code).param("message", message).update() == 1;
    }

    /**
     * running (this worker's) -> retrying at {@code at}; the sweeper queues it again then. A
     * failed prediction is forgotten, so the next attempt starts a new one; one whose output was
     * billed is kept, so the next attempt fetches that output instead of paying for another.
     */
    public boolean retryLater(UUID id, String worker, Instant at, String code, String message) {
        return jdbc.sql("""
                update jobs set status = 'retrying', next_attempt_at = :at, error_code = :code, error_message = :message,
                       lease_owner = null, lease_expires_at = null, updated_at = now(),
                       prediction_id = case when billed_prediction_id = prediction_id then prediction_id end
                where id = :id and status = 'running' and lease_owner = :worker
                """).param("id", id).param("worker", worker).param("at", utc(at)).param("code", code)
                .param("message", message).update() == 1;
    }

    /**
     * running (this worker's) -> retrying at {@code at}, the attempt given back: the provider
     * pushed back (throttled us) without trying the work, so it does not count against max_attempts.
     */
    public boolean deferLater(UUID id, String worker, Instant at, String code, String message) {
        return jdbc.sql("""
                update jobs set status = 'retrying', next_attempt_at = :at, attempts = greatest(attempts - 1, 0),
                       error_code = :code, error_message = :message, lease_owner = null, lease_expires_at = null,
                       updated_at = now(), prediction_id = case when billed_prediction_id = prediction_id then prediction_id end
                where id = :id and status = 'running' and lease_owner = :worker
                """).param("id", id).param("worker", worker).param("at", utc(at)).param("code", code)
                .param("message", message).update() == 1;
    }

    /** running (this worker's) -> waiting on its children in a saga state; their events (or the sweeper) resume it. */
    public boolean awaitChildren(UUID id, String worker, String sagaState) {
        return jdbc.sql("""
                update jobs set status = 'waiting', saga_state = :state, lease_owner = null, lease_expires_at = null,
                       next_attempt_at = null, progress = greatest(progress, 10), current_stage = :state, updated_at = now()
                where id = :id and status = 'running' and lease_owner = :worker
                """).param("id", id).param("worker", worker).param("state", sagaState).update() == 1;
    }

    /**
     * running (this worker's) -> waiting on the provider's prediction, to be looked at again at
     * {@code nextLook}, or at once when a webhook poked it meanwhile. The prediction id is stored
     * before anything else can happen to the job, so a crash never loses a prediction that is billed.
     */
    public boolean awaitPrediction(UUID id, String worker, String provider, String predictionId, Instant nextLook,
                                   int progress, String stage) {
        return jdbc.sql("""
                update jobs set status = 'waiting', provider = :provider, prediction_id = :predictionId,
                       next_attempt_at = case when poked then now() else :next end, poked = false,
                       lease_owner = null, lease_expires_at = null,
                       progress = greatest(progress, :progress), current_stage = :stage, updated_at = now()
                where id = :id and status = 'running' and lease_owner = :worker
                """).param("id", id).param("worker", worker).param("provider", provider)
                .param("predictionId", predictionId).param("next", utc(nextLook)).param("progress", progress)
                .param("stage", stage).update() == 1;
    }

    /**
     * Any unfinished state -> canceled, with the job's unfinished descendants (the client's cancel):
     * a production's scene clips and the keyframes those are waiting on.
     */
    public List<Canceled> cancel(UUID id) {
        return cancelWhere("id in (select id from tree)", id, "canceled", "canceled by the client");
    }

    /** A saga's compensation: its unfinished children, and theirs -> canceled. */
    public List<Canceled> cancelChildren(UUID parentId, String code, String message) {
        return cancelWhere("id in (select id from tree) and id <> :id", parentId, code, message);
    }

    private List<Canceled> cancelWhere(String which, UUID id, String code, String message) {
        return jdbc.sql("""
                with recursive tree as (
                    select id from jobs where id = :id
                    union all
                    select j.id from jobs j join tree t on j.parent_job_id = t.id
                )
                update jobs set status = 'canceled', lease_owner = null, lease_expires_at = null, next_attempt_at = null,
                       error_code = :code, error_message = :message, finished_at = now(), updated_at = now()
                where""" + " " + which + """
                   and status in (:cancelable)
                returning id, prediction_id
                """).param("id", id).param("code", code).param("message", message)
                .param("cancelable", JobStatus.wireSourcesOf(JobStatus.CANCELED))
                .query(Rows.of(Canceled.class)).list();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
