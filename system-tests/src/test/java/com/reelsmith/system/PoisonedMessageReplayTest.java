package com.reelsmith.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.RequiresRabbitMq;
import com.reelsmith.testing.TestDatabase;
import java.sql.DriverManager;
import org.flywaydb.core.Flyway;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The operator's story from the issue, on the real RabbitMQ: an image worker deployed with the
 * wrong DATABASE_URL (another, migrated database: it starts, it is healthy) takes a command whose
 * job it cannot find, and dead-letters it ("no job ..."); the gateway drains the broker's .dlq into
 * its dead letters, where the operator sees it. The worker is redeployed with the right database,
 * the letter replayed: the job succeeds once (one attempt, one image). A second replay sends
 * nothing and changes nothing.
 */
class PoisonedMessageReplayTest {

    static final String ADMIN_KEY = "sk_systemtestadmin_" + "P".repeat(40);

    @Test
    @RequiresRabbitMq("the gateway's drain of the broker's .dlq (the misconfigured worker records its letter in the wrong database)")
    void aLetterDeadLetteredByAMisconfiguredWorkerIsReplayedAfterTheFixAndItsJobSucceedsOnce() throws Exception {
        // a database of the right schema (this tree's migrations), with none of the system's rows
        TestDatabase wrongDatabase = TestDatabase.createEmpty();
        Flyway.configure().dataSource(wrongDatabase.url(), wrongDatabase.user(), wrongDatabase.password())
                .locations("filesystem:../db-migrations/src/main/resources/db/migration").load().migrate();
        try (var system = RunningSystem.start(ADMIN_KEY,
                // the sweeper would send a long-queued job's command again by itself: here only the replay does
                Map.of("LOCAL_PROVIDER_LATENCY", "0s", "REELSMITH_WORKER_REQUEUEQUEUEDAFTER", "1h"),
                Map.of("DATABASE_URL", wrongDatabase.url(), "DATABASE_USER", wrongDatabase.user(),
                        "DATABASE_PASSWORD", wrongDatabase.password()),
                Map.of(), false)) {
            var api = system.api;
            var tenant = system.signUp("Poisoned");
            var accepted = api.post("/api/v2/generate/image", tenant.key(),
                    "{\"campaign_id\": \"" + tenant.campaignId() + "\", \"prompt\": \"a watch on a rock\"}");
            assertThat(accepted.status()).isEqualTo(202);
            String jobId = accepted.json().get("job_id").asString();

            JsonNode letter = awaitLetterOf(api, jobId, Duration.ofSeconds(60), system);
            assertThat(letter.get("reason").asString()).contains("no job " + jobId);
            assertThat(letter.get("status").asString()).isEqualTo("new");
            assertThat(letter.get("queue").asString()).endsWith(".image-worker.commands");
            assertThat(job(api, tenant, jobId).get("status").asString()).isEqualTo("queued");

            // the fix: the image worker redeployed against the system's database
            system.imageWorker.close();
            system.imageWorker = system.startImageWorker(Map.of());

            long id = letter.get("id").asLong();
            var replay = api.post("/api/v2/ops/dead-letters/" + id + "/replay", ADMIN_KEY, "{}");
            assertThat(replay.status()).as(replay.json() == null ? "" : replay.json().toString()).isEqualTo(200);
            assertThat(replay.json().get("replayed_now").asBoolean()).isTrue();

            JsonNode done = api.awaitFinished(jobId, tenant.key(), Duration.ofSeconds(60));
            assertThat(done.get("status").asString()).as(done + system.tails()).isEqualTo("succeeded");
            assertThat(done.get("attempts").asInt()).isEqualTo(1);
            assertThat(imagesOf(system, jobId)).isEqualTo(1);

            var again = api.post("/api/v2/ops/dead-letters/" + id + "/replay", ADMIN_KEY, "{}");
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().get("replayed_now").asBoolean()).as("the second replay sends nothing").isFalse();
            String replayMessage = replay.json().get("dead_letter").get("replay_message_id").asString();
            assertThat(again.json().get("dead_letter").get("replay_message_id").asString()).isEqualTo(replayMessage);
            assertThat(count(system, "select count(*) from outbox where message_id = '" + replayMessage + "'")).isEqualTo(1);
            assertThat(count(system, "select count(*) from outbox where headers->>'job_id' = '" + jobId
                    + "' and published_at is null")).as("nothing left to send for the job").isZero();
            JsonNode after = job(api, tenant, jobId);
            assertThat(after.get("status").asString()).isEqualTo("succeeded");
            assertThat(after.get("attempts").asInt()).isEqualTo(1);
            assertThat(imagesOf(system, jobId)).isEqualTo(1);
            assertThat(api.get("/api/v2/ops/dead-letters?status=new", ADMIN_KEY).json().get("items").valueStream()
                    .noneMatch(l -> jobId.equals(l.path("job_id").asString()))).as("no new letter for the job").isTrue();
        }
    }

    private static JsonNode awaitLetterOf(Api api, String jobId, Duration timeout, RunningSystem system) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode letter : api.get("/api/v2/ops/dead-letters", ADMIN_KEY).json().get("items")) {
                if (jobId.equals(letter.path("job_id").asString())) {
                    return letter;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no dead letter for job " + jobId + system.tails());
    }

    private static JsonNode job(Api api, RunningSystem.Tenant tenant, String jobId) throws Exception {
        return api.get("/api/v2/jobs/" + jobId, tenant.key()).json();
    }

    private static long imagesOf(RunningSystem system, String jobId) throws Exception {
        return count(system, "select count(*) from generated_images where job_id = '" + jobId + "'");
    }

    private static long count(RunningSystem system, String sql) throws Exception {
        try (var connection = DriverManager.getConnection(system.db.url(), system.db.user(), system.db.password());
             var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
