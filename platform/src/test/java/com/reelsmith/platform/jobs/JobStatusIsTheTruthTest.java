package com.reelsmith.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.JobKind;
import com.reelsmith.model.JobStatus;
import com.reelsmith.testing.Fixtures;
import com.reelsmith.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@link JobStatus} is the truth the SQL is held to: every writer of a job's status in
 * {@code platform/jobs} is run against a job in every state (with and without a prediction,
 * its lease expired, everything due), and each status change it makes must be one JobStatus
 * allows. And the other way round: every transition JobStatus allows is made by some writer,
 * so the enum describes the system rather than a wish.
 */
class JobStatusIsTheTruthTest {

    static final TestDatabase db = TestDatabase.createMigrated();
    final Fixtures fixtures = new Fixtures(db);
    // one connection for the whole test: it writes a few hundred rows
    final JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(db.url(), db.user(), db.password(), true));
    final Fixtures.Tenant tenant = fixtures.tenant();
    final JobTransitions jobs = new JobTransitions(jdbc);
    final DueJobs due = new DueJobs(jdbc);

    record Row(String status, String leaseOwner) {
    }

    @Test
    void everyStatusChangeTheSqlMakesIsOneJobStatusAllowsAndEveryAllowedOneIsMade() {
        Map<String, Function<UUID[], Object>> writers = new LinkedHashMap<>();
        // each gets {job, its parent}
        writers.put("claim", ids -> jobs.claim(ids[0], JobKind.IMAGE, "w2", Duration.ofMinutes(1)));
        writers.put("resume", ids -> jobs.resume(ids[0], "s1", "s2", "w2", Duration.ofMinutes(1), Duration.ofMinutes(5)));
        writers.put("requeueParent", ids -> jobs.requeueParent(ids[0], "s1", "s2"));
        writers.put("parkOnPrediction", ids -> jobs.parkOnPrediction(ids[0], "w", Instant.now(), "x"));
        writers.put("heartbeat", ids -> jobs.heartbeat(ids[0], "w", Duration.ofMinutes(1)));
        writers.put("progress", ids -> jobs.progress(ids[0], "w", 50, "x"));
        writers.put("poke", ids -> jobs.poke(ids[0]));
        writers.put("charge", ids -> jobs.charge(ids[0], "w", "p-new"));
        writers.put("chargeUsd", ids -> jobs.chargeUsd(ids[0], "w", "p-side", BigDecimal.ONE));
        writers.put("forgetPrediction", ids -> jobs.forgetPrediction(ids[0], "w"));
        writers.put("succeed", ids -> jobs.succeed(ids[0], "w", UUID.randomUUID(), BigDecimal.ONE));
        writers.put("fail", ids -> jobs.fail(ids[0], "w", "c", "m"));
        writers.put("failWaiting", ids -> jobs.failWaiting(ids[0], "c", "m"));
        writers.put("deferLater", ids -> jobs.deferLater(ids[0], "w", Instant.now(), "c", "m"));
        writers.put("retryLater", ids -> jobs.retryLater(ids[0], "w", Instant.now(), "c", "m"));
        writers.put("awaitChildren", ids -> jobs.awaitChildren(ids[0], "w", "s1"));
        writers.put("awaitPrediction", ids -> jobs.awaitPrediction(ids[0], "w", "replicate", "p-" + UUID.randomUUID(),
                Instant.now(), 10, "x"));
        writers.put("cancel", ids -> jobs.cancel(ids[0]));
        writers.put("cancelChildren", ids -> jobs.cancelChildren(ids[1], "c", "m"));
        writers.put("queueDueRetries", ids -> due.queueDueRetries(JobKind.IMAGE, 1000));
        writers.put("resendStaleQueued", ids -> due.resendStaleQueued(JobKind.IMAGE, Duration.ofSeconds(1), 1000));
        writers.put("duePredictionLooks", ids -> due.duePredictionLooks(JobKind.IMAGE, Duration.ofSeconds(30), 1000));
        writers.put("insertChild", ids -> jobs.insertChild(ids[0], "w", new JobTransitions.NewJob(UUID.randomUUID(),
                tenant.clientId(), tenant.campaignId(), JobKind.IMAGE, "{}", ids[0], UUID.randomUUID(), BigDecimal.ZERO,
                null, null)));
        writers.put("insertChildOfWaiting", ids -> jobs.insertChildOfWaiting(ids[0], "s1", new JobTransitions.NewJob(
                UUID.randomUUID(), tenant.clientId(), tenant.campaignId(), JobKind.IMAGE, "{}", ids[0], UUID.randomUUID(),
                BigDecimal.ZERO, null, null)));
        writers.put("succeedAtCost", ids -> jobs.succeedAtCost(ids[0], "w", UUID.randomUUID(), BigDecimal.ONE));
        writers.put("progressWaiting", ids -> jobs.progressWaiting(ids[0], 50, "x"));
        writers.put("retryLostWorker", ids -> due.retryLostWorker(ids[0]));
        writers.put("failLostWorker", ids -> due.failLostWorker(ids[0]));
        writers.put("failStuck", ids -> due.failStuck(ids[0], Duration.ZERO));

        Set<String> made = new java.util.TreeSet<>();
        for (JobStatus from : JobStatus.values()) {
            for (boolean withPrediction : new boolean[] {false, true}) {
                for (var writer : writers.entrySet()) {
                    UUID[] ids = jobIn(from, withPrediction);
                    String before = snapshot(ids[0]);
                    Object answer = writer.getValue().apply(ids);
                    Row after = row(ids[0]);
                    // what a writer answers is what its callers act on: "it happened" exactly when the row changed
                    assertThat(saysItActedOn(answer, ids[0])).as("%s on a job %s (prediction: %s) answered %s",
                            writer.getKey(), from, withPrediction, answer).isEqualTo(!before.equals(snapshot(ids[0])));
                    JobStatus to = JobStatus.fromWire(after.status());
                    boolean changed = to != from || (to == JobStatus.RUNNING && !"w".equals(after.leaseOwner()));
                    if (changed) {
                        assertThat(from.canMoveTo(to)).as("%s moved a job %s -> %s (prediction: %s), which JobStatus forbids",
                                writer.getKey(), from, to, withPrediction).isTrue();
                        made.add(from + "->" + to);
                    }
                }
            }
        }
        Set<String> allowed = new java.util.TreeSet<>();
        for (JobStatus from : JobStatus.values()) {
            for (JobStatus to : from.next()) {
                allowed.add(from + "->" + to);
            }
        }
        assertThat(made).as("every transition JobStatus allows is made by some writer").isEqualTo(allowed);
    }

    /** A job in {@code status} with everything about it due: lease (owner w) expired, next attempt past, stale, in saga state s1. */
    private UUID[] jobIn(JobStatus status, boolean withPrediction) {
        UUID parent = queuedJob("video");
        UUID id = queuedJob("image");
        jdbc.sql("""
                update jobs set status = :status, parent_job_id = :parent, lease_owner = 'w',
                       lease_expires_at = now() - interval '1 second', next_attempt_at = now() - interval '1 second',
                       updated_at = now() - interval '1 day', attempt_started_at = now() - interval '1 day',
                       saga_state = 's1', attempts = 1, provider = 'replicate',
                       prediction_id = case when :withPrediction then 'p-' || id::text end
                where id = :id
                """).param("status", status.wire()).param("parent", parent).param("withPrediction", withPrediction)
                .param("id", id).update();
        return new UUID[] {id, parent};
    }

    private UUID queuedJob(String kind) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into jobs (id, client_id, campaign_id, kind, status, input, correlation_id)
                values (:id, :clientId, :campaignId, :kind, 'queued', '{}', :correlationId)
                """).param("id", id).param("clientId", tenant.clientId()).param("campaignId", tenant.campaignId())
                .param("kind", kind).param("correlationId", UUID.randomUUID()).update();
        return id;
    }

    private String snapshot(UUID id) {
        return jdbc.sql("select row_to_json(j)::text from jobs j where id = :id").param("id", id).query(String.class).single();
    }

    /** True, a job that is there, or a list that holds it: the writer says it changed this job. */
    private static boolean saysItActedOn(Object answer, UUID id) {
        if (answer instanceof Boolean acted) {
            return acted;
        }
        if (answer instanceof Optional<?> job) {
            return job.map(j -> ((Job) j).id().equals(id)).orElse(false);
        }
        if (answer instanceof List<?> rows) {
            return rows.stream().anyMatch(r -> id.equals(r instanceof DueJobs.Due due ? due.id()
                    : ((JobTransitions.Canceled) r).id()));
        }
        throw new IllegalArgumentException("a writer answered " + answer);
    }

    private Row row(UUID id) {
        return jdbc.sql("select status, lease_owner from jobs where id = :id").param("id", id).query(Row.class).single();
    }

    @Test
    void theWorkersOnlyTakeAJobFromTheStatesJobStatusLetsThemStartFrom() {
        for (JobStatus from : EnumSet.allOf(JobStatus.class)) {
            UUID[] ids = jobIn(from, true);
            boolean taken = jobs.claim(ids[0], JobKind.IMAGE, "w2", Duration.ofMinutes(1)).isPresent();
            assertThat(taken).as("claim from %s", from).isEqualTo(JobStatus.sourcesOf(JobStatus.RUNNING).contains(from));
        }
    }
}
