package com.reelsmith.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.Routing;
import com.reelsmith.provider.replicate.WebhookSignature;
import com.reelsmith.testing.FakeReplicate;
import com.reelsmith.testing.RequiresLocalPostgres;
import com.reelsmith.testing.RequiresRabbitMq;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite: the three jars as processes against the real PostgreSQL and RabbitMQ, with
 * the broker stopped, the database restarted, workers killed, the provider misbehaving, poison
 * on the queue, forged and oversized webhooks and hostile input. Each case prints one
 * {@code FAULT case=...} line of figures (docs/RELIABILITY.md's table is made from them) and
 * requires 0 lost, 0 duplicated and 0 5xx answers to bad input.
 *
 * <p>One set of jars per group, not per case, to keep the suite within minutes on two cores.
 * The destructive cases (broker and database outages) run last in their group, stay short (≤ 15 s),
 * and are skipped where the machine's own services cannot be stopped (a Testcontainers machine, and
 * the embedded services of a bare machine: {@code @RequiresRabbitMq}, {@code @RequiresLocalPostgres}).
 */
class FaultSuiteTest {

    static final String ADMIN_KEY = "sk_faultsuiteadmin_" + "F".repeat(40);
    static final Map<String, String> COMMON_ENV = Map.of(
            "WORKER_LEASE", "5s",
            // a stalled provider call is aborted this soon (the default, 5 min, is for real providers)
            "WORKER_ATTEMPT_TIMEOUT", "20s",
            // the suite submits far faster than a client may: the per-key limit is not under test here
            "REELSMITH_RATELIMITS_IMAGEPERMINUTE", "1000000", "REELSMITH_RATELIMITS_VIDEOPERMINUTE", "1000000",
            // small local media (256 px images, 160 px 8 fps clips): two cores make 1,000 images in
            // a minute or two instead of ten; what is under test is losing nothing, not the pixels
            "REELSMITH_PROVIDER_LOCALIMAGELONGSIDE", "256", "REELSMITH_PROVIDER_LOCALVIDEOLONGSIDE", "160",
            "REELSMITH_PROVIDER_LOCALFPS", "8");

    /** Accepted job ids and the other answers of a burst of submissions. */
    record Submissions(List<UUID> accepted, int submitted, int refused503, Map<Integer, Integer> otherStatuses,
                       int refusedWithoutRetryAfter) {
        int other() {
            return otherStatuses.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class WithTheLocalProvider {

        static final Map<String, String> SLOW_IMAGES = Map.of("LOCAL_PROVIDER_LATENCY", "300ms");
        static final Map<String, String> FAST_IMAGES = Map.of("LOCAL_PROVIDER_LATENCY", "0s");
        static final Map<String, String> SLOW_VIDEOS = Map.of("LOCAL_PROVIDER_LATENCY", "3s");

        RunningSystem system;
        RunningSystem.Tenant tenant;
        JobLedger ledger;
        UUID firstImageJob;

        @BeforeAll
        void start() throws Exception {
            // slow providers first, so the kill cases find work in flight; the image worker is
            // restarted with zero latency for the 1,000-submission case
            system = RunningSystem.start(ADMIN_KEY, COMMON_ENV, SLOW_IMAGES, SLOW_VIDEOS, false);
            tenant = system.signUp("Faults");
            ledger = new JobLedger(system.db);
            firstImageJob = submit(system.api, tenant, imageBody(tenant, "the first image")).accepted().get(0);
            assertThat(ledger.awaitFinished(List.of(firstImageJob), Duration.ofSeconds(60)).count("succeeded"))
                    .as("a plain image job succeeds before any fault" + system.tails()).isEqualTo(1);
        }

        @AfterAll
        void stop() throws Exception {
            if (system != null) {
                system.close();
            }
        }

        @Test
        @Order(1)
        void badInputToEveryEndpointIsNeverAServerError() throws Exception {
            var figures = new FaultFigures("bad_input_sweep");
            String imageId = system.api.get("/api/v2/jobs/" + firstImageJob, tenant.key()).json()
                    .get("result").get("id").asString();
            var sweep = BadInputSweep.forEveryEndpoint(ADMIN_KEY, tenant.key(), tenant.clientId(), tenant.campaignId(),
                    firstImageJob.toString(), imageId);
            List<BadInputSweep.Outcome> outcomes = sweep.run(system.api, Duration.ofSeconds(10));
            // a hostile body the gateway accepted made a job: cancel it, so later cases start with idle workers
            for (var o : outcomes) {
                if (o.jobId() != null) {
                    system.api.post("/api/v2/jobs/" + o.jobId() + "/cancel", tenant.key(), "{}");
                }
            }
            List<BadInputSweep.Outcome> serverErrors = outcomes.stream().filter(BadInputSweep.Outcome::serverError).toList();
            serverErrors.forEach(o -> System.out.println("FAULT-DETAIL case=bad_input_sweep status=" + o.status() + " "
                    + o.probe().describe()));
            var stillServing = system.api.get("/api/v2/jobs/" + firstImageJob, tenant.key());
            figures.set("probes", outcomes.size()).set("bad_input_5xx", serverErrors.size())
                    .set("no_answer", outcomes.stream().filter(o -> o.status() < 0).count())
                    .set("status_counts", statusCounts(outcomes));
            String line = figures.print();

            assertThat(stillServing.status()).as("the gateway still serves after the sweep").isEqualTo(200);
            assertThat(serverErrors).as(line + "\n5xx or no answer to:\n" + serverErrors.stream()
                    .map(o -> o.status() + " " + o.probe().describe()).collect(Collectors.joining("\n"))).isEmpty();
        }

        @Test
        @Order(2)
        void poisonOnTheImageQueueIsDeadLetteredAndTheWorkerKeepsWorking() throws Exception {
            var figures = new FaultFigures("poison_message");
            Routing routing = new Routing(system.broker.prefix());
            String queue = routing.imageWorkerCommands();
            long before = deadLettered(queue);

            UUID noSuchJob = UUID.randomUUID();
            String commandForNoJob = """
                    {"message_id": "%s", "job_id": "%s", "correlation_id": "%s", "occurred_at": "%s",
                     "type": "image.generate", "version": 1}""".formatted(UUID.randomUUID(), noSuchJob, UUID.randomUUID(),
                    Instant.now());
            try (var connection = system.broker.connectionFactory().newConnection(); var channel = connection.createChannel()) {
                channel.confirmSelect();
                for (String body : List.of("{this is not json", commandForNoJob)) {
                    var properties = new com.rabbitmq.client.AMQP.BasicProperties.Builder().contentType("application/json")
                            .messageId(UUID.randomUUID().toString()).type(Routing.IMAGE_GENERATE).deliveryMode(2)
                            .headers(Map.of("type", Routing.IMAGE_GENERATE, "job_id", noSuchJob.toString())).build();
                    channel.basicPublish("", queue, true, properties, body.getBytes(StandardCharsets.UTF_8));
                }
                channel.waitForConfirmsOrDie(5_000); // the broker has both before the test looks for them
            }
            boolean bothDeadLettered = await(Duration.ofSeconds(30), () -> deadLettered(queue) >= before + 2);

            var after = submit(system.api, tenant, imageBody(tenant, "after the poison"));
            var tally = ledger.awaitFinished(after.accepted(), Duration.ofSeconds(60));
            figures.set("submitted", after.submitted()).set("accepted", after.accepted().size()).outcome(tally)
                    .set("dead_lettered", deadLettered(queue) - before);
            String line = figures.print();

            assertThat(bothDeadLettered).as(line + ": garbage and a command for no job reach " + queue + ".dlq"
                    + system.tails()).isTrue();
            assertThat(system.imageWorker.isAlive()).isTrue();
            assertThat(tally.count("succeeded")).as(line + ": the worker keeps working after poison").isEqualTo(1);
        }

        @Test
        @Order(3)
        void anImageWorkerKilledMidBatchLosesAndDuplicatesNothing() throws Exception {
            var figures = new FaultFigures("image_worker_kill9");
            var batch = submitConcurrently(system.api, tenant, 40, 4, i -> imageBody(tenant, "batch image " + i), () -> false);
            boolean midBatch = await(Duration.ofSeconds(60),
                    () -> inStatus("succeeded", batch.accepted()) >= 6 && inStatus("running", batch.accepted()) >= 1);
            long inFlight = inStatus("running", batch.accepted());
            system.imageWorker.killHard();
            system.imageWorker = system.startImageWorker(FAST_IMAGES);

            var tally = ledger.awaitFinished(batch.accepted(), Duration.ofSeconds(120));
            figures.set("submitted", batch.submitted()).set("accepted", batch.accepted().size()).outcome(tally)
                    .set("in_flight_at_kill", inFlight);
            String line = figures.print();

            assertThat(midBatch && inFlight > 0).as(line + ": the kill hit jobs in flight").isTrue();
            assertThat(batch.accepted()).hasSize(40);
            assertThat(figures.get("lost")).as(line + system.tails()).isZero();
            assertThat(figures.get("duplicated")).as(line).isZero();
        }

        @Test
        @Order(4)
        void aVideoWorkerKilledMidSagaLosesAndDuplicatesNothing() throws Exception {
            var figures = new FaultFigures("video_worker_kill9");
            var batch = submitConcurrently(system.api, tenant, 4, 4, i -> videoBody(tenant, "saga video " + i), () -> false);
            // mid-saga: the start image is made and the video step is running
            String midSaga = """
                    select count(*) from jobs v where v.id = any(?) and v.status = 'running'
                      and exists (select 1 from jobs c where c.parent_job_id = v.id and c.status = 'succeeded')""";
            boolean reached = await(Duration.ofSeconds(90), () -> ledger.count(midSaga, batch.accepted()) >= 1);
            long inFlight = ledger.count(midSaga, batch.accepted());
            system.videoWorker.killHard();
            system.videoWorker = system.startVideoWorker(SLOW_VIDEOS);

            var tally = ledger.awaitFinished(batch.accepted(), Duration.ofSeconds(150));
            figures.set("submitted", batch.submitted()).set("accepted", batch.accepted().size()).outcome(tally)
                    .set("in_flight_at_kill", inFlight);
            String line = figures.print();

            assertThat(reached && inFlight > 0).as(line + ": the kill hit a saga in its video step" + system.tails()).isTrue();
            assertThat(batch.accepted()).hasSize(4);
            assertThat(figures.get("lost")).as(line + system.tails()).isZero();
            assertThat(figures.get("duplicated")).as(line).isZero();
        }

        @Test
        @Order(5)
        @RequiresRabbitMq("rabbitmqctl stop_app / start_app: the machine's RabbitMQ stopped mid-flow")
        void rabbitmqStoppedDuringAThousandSubmissionsLosesNothing() throws Exception {
            ServiceControl.assumeRabbitmqctl(system.broker.uri());
            var figures = new FaultFigures("rabbitmq_outage");
            var outage = new Outage(() -> ServiceControl.rabbitmq("stop_app"), () -> ServiceControl.rabbitmq("start_app"),
                    Duration.ofSeconds(10));
            Submissions batch;
            try {
                AtomicInteger sent = new AtomicInteger();
                batch = submitConcurrently(system.api, tenant, 1000, 4, i -> {
                    if (sent.incrementAndGet() == 150) {
                        outage.begin();
                    }
                    return imageBody(tenant, "outage image " + i);
                }, () -> false);
            } finally {
                outage.end(); // never leave the shared broker stopped
            }
            var tally = ledger.awaitFinished(batch.accepted(), Duration.ofSeconds(240));
            figures.set("submitted", batch.submitted()).set("accepted", batch.accepted().size()).outcome(tally)
                    .set("outage_s", outage.seconds());
            String line = figures.print();

            assertThat(outage.happened()).as(line + ": the broker was stopped while submissions ran").isTrue();
            assertThat(batch.accepted()).as(line + " other answers: " + batch.otherStatuses()).hasSize(1000);
            assertThat(figures.get("lost")).as(line + system.tails()).isZero();
            assertThat(figures.get("duplicated")).as(line).isZero();
        }

        @Test
        @Order(6)
        @RequiresLocalPostgres("pg_ctlcluster stop / start: the machine's PostgreSQL restarted mid-flow")
        void postgresRestartedMidFlowFinishesEveryAcceptedJob() throws Exception {
            ServiceControl.assumePgCtlcluster(system.db.url());
            var figures = new FaultFigures("postgres_restart");
            var outage = new Outage(() -> ServiceControl.postgres("stop"), () -> ServiceControl.postgres("start"),
                    Duration.ofSeconds(5));
            Submissions batch;
            try {
                AtomicInteger sent = new AtomicInteger();
                AtomicInteger afterOutage = new AtomicInteger();
                batch = submitConcurrently(system.api, tenant, 600, 4, i -> {
                    if (sent.incrementAndGet() == 60) {
                        outage.begin();
                    }
                    if (outage.over()) {
                        afterOutage.incrementAndGet();
                    }
                    return imageBody(tenant, "restart image " + i);
                }, () -> outage.over() && afterOutage.get() >= 60);
            } finally {
                outage.end();
            }
            var tally = ledger.awaitFinished(batch.accepted(), Duration.ofSeconds(180));
            figures.set("submitted", batch.submitted()).set("accepted", batch.accepted().size())
                    .set("refused_503", batch.refused503()).outcome(tally)
                    .set("refused_other", batch.other()).set("other_statuses", batch.otherStatuses().entrySet().stream()
                            .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(",", "[", "]")))
                    .set("outage_s", outage.seconds());
            String line = figures.print();

            assertThat(outage.happened()).as(line + ": the database was stopped while submissions ran").isTrue();
            assertThat(batch.accepted().size() + batch.refused503() + batch.other()).isEqualTo(batch.submitted());
            assertThat(figures.get("lost")).as(line + system.tails()).isZero();
            assertThat(figures.get("duplicated")).as(line).isZero();
            assertThat(batch.otherStatuses()).as(line + ": with the database down a submission is a 503, never another error")
                    .isEmpty();
            assertThat(batch.refusedWithoutRetryAfter()).as(line + ": every 503 says when to come back").isZero();
        }

        private long inStatus(String status, List<UUID> ids) throws Exception {
            return ledger.count("select count(*) from jobs where status = ? and id = any(?)", status, ids);
        }

        private long deadLettered(String queue) throws Exception {
            long count;
            try (var connection = system.broker.connectionFactory().newConnection(); var channel = connection.createChannel()) {
                count = channel.queueDeclarePassive(Routing.deadLetterQueueOf(queue)).getMessageCount();
            }
            // where dead letters are also (or instead) recorded in Postgres, those count too
            if (ledger.tableExists("dead_letters")) {
                count += ledger.count("select count(*) from dead_letters");
            }
            return count;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class WithAFakeReplicate {

        static final String TOKEN = "r8_fault_token";
        static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("fault suite signing key".getBytes());

        FakeReplicate replicate;
        RunningSystem system;
        RunningSystem.Tenant tenant;
        JobLedger ledger;

        @BeforeAll
        void start() throws Exception {
            replicate = new FakeReplicate(TOKEN, SECRET, Duration.ofSeconds(1));
            var env = new java.util.HashMap<>(COMMON_ENV);
            env.putAll(Map.of("PROVIDER", "replicate", "REPLICATE_API_TOKEN", TOKEN, "REPLICATE_WEBHOOK_SECRET", SECRET,
                    "REPLICATE_BASE_URL", replicate.url().toString()));
            system = RunningSystem.start(ADMIN_KEY, env, Map.of(), Map.of(), true);
            tenant = system.signUp("Faults");
            ledger = new JobLedger(system.db);
        }

        @AfterAll
        void stop() throws Exception {
            if (system != null) {
                system.close();
            }
            if (replicate != null) {
                replicate.close();
            }
        }

        @Test
        @Order(1)
        void oversizedAndForgedWebhooksAreRefusedAndChangeNothing() throws Exception {
            var figures = new FaultFigures("webhook_oversized_forged");
            replicate.runTime(Duration.ofSeconds(8)); // long enough to be sure the job is waiting when the forgeries come
            var submitted = submit(system.api, tenant, imageBody(tenant, "a job the forger wants"));
            UUID jobId = submitted.accepted().get(0);
            boolean waiting = await(Duration.ofSeconds(30), () -> ledger.count(
                    "select count(*) from jobs where id = ? and status = 'waiting' and prediction_id is not null", jobId) == 1);
            String predictionId = predictionOf(jobId);
            String path = "/api/webhooks/replicate?job_id=" + jobId;
            byte[] forgedBody = """
                    {"id": "%s", "status": "succeeded", "output": "http://127.0.0.1:1/evil.png", "error": null}"""
                    .formatted(predictionId).getBytes(StandardCharsets.UTF_8);
            String now = String.valueOf(Instant.now().getEpochSecond());
            String otherSecret = "whsec_" + Base64.getEncoder().encodeToString("not the real key".getBytes());

            var forged = system.api.send("POST", path, null, "application/json", forgedBody, Map.of("webhook-id", "msg_forged1",
                    "webhook-timestamp", now, "webhook-signature", "v1,Zm9yZ2VkIHNpZ25hdHVyZQ=="), Duration.ofSeconds(20));
            var wrongKey = system.api.send("POST", path, null, "application/json", forgedBody, Map.of("webhook-id", "msg_forged2",
                    "webhook-timestamp", now, "webhook-signature",
                    WebhookSignature.sign("msg_forged2", now, forgedBody, otherSecret)), Duration.ofSeconds(20));
            byte[] fiveMb = ("{\"id\": \"" + predictionId + "\", \"logs\": \"" + BadInputSweep.FIVE_MB + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            int oversized = statusOrClosed(() -> system.api.send("POST", path, null, "application/json", fiveMb,
                    Map.of("webhook-id", "msg_big", "webhook-timestamp", now, "webhook-signature", "v1,AAAA"),
                    Duration.ofSeconds(20)).status());
            int oversizedUnsigned = statusOrClosed(() -> system.api.send("POST", "/api/webhooks/replicate", null,
                    "application/json", fiveMb, Map.of(), Duration.ofSeconds(20)).status());

            String statusAfter = jobStatus(jobId);
            long imagesAfter = ledger.count("select count(*) from generated_images where job_id = ?", jobId);
            var stillServing = system.api.get("/api/v2/jobs/" + jobId, tenant.key());
            var tally = ledger.awaitFinished(List.of(jobId), Duration.ofSeconds(60)); // the genuine webhook still completes it
            List<Integer> answers = List.of(forged.status(), wrongKey.status(), oversized, oversizedUnsigned);
            figures.set("submitted", 1).set("accepted", 1).outcome(tally)
                    .set("bad_input_5xx", answers.stream().filter(s -> s >= 500).count())
                    .set("forged", forged.status() + "/" + wrongKey.status()).set("oversized", oversized + "/" + oversizedUnsigned);
            String line = figures.print();

            assertThat(waiting).as(line + ": the job waited on its prediction" + system.tails()).isTrue();
            assertThat(forged.status()).as(line + ": a forged signature").isEqualTo(401);
            assertThat(wrongKey.status()).as(line + ": signed with another key").isEqualTo(401);
            assertThat(statusAfter).as(line + ": the forgeries changed nothing").isEqualTo("waiting");
            assertThat(imagesAfter).isZero();
            assertThat(stillServing.status()).as("the gateway stays healthy").isEqualTo(200);
            assertThat(figures.get("done")).as(line + ": the genuine webhook still completes the job").isEqualTo(1);
            assertThat(oversized).as(line + ": a 5 MB webhook").isEqualTo(413);
            assertThat(oversizedUnsigned).as(line + ": a 5 MB webhook without signature headers").isEqualTo(413);
        }

        @Test
        @Order(3)
        void aStormOf429And503FromTheProviderEndsWithEveryJobDone() throws Exception {
            var figures = new FaultFigures("provider_429_503_storm");
            replicate.runTime(Duration.ofSeconds(1));
            int faultsBefore = replicate.faultsAnswered();
            int createdBefore = replicate.created().size();
            // fewer faults than two per job: a job's first attempts all meet the storm before any retry
            // comes due (backoff and Retry-After are ≥ 1 s), so no job can use up its attempts on it
            replicate.failNextCreates(5, 429, Map.of("Retry-After", "1"));
            replicate.failNextCreates(5, 503, Map.of());
            replicate.failNextGets(3);
            var batch = submitConcurrently(system.api, tenant, 6, 3, i -> imageBody(tenant, "storm image " + i), () -> false);
            var tally = ledger.awaitFinished(batch.accepted(), Duration.ofSeconds(120));
            replicate.calmDown();
            int predictions = replicate.created().size() - createdBefore;
            figures.set("submitted", batch.submitted()).set("accepted", batch.accepted().size()).outcome(tally)
                    .set("provider_faults", replicate.faultsAnswered() - faultsBefore).set("predictions", predictions);
            String line = figures.print();

            assertThat(replicate.faultsAnswered() - faultsBefore).as(line + ": every job's first create met the storm")
                    .isGreaterThanOrEqualTo(6);
            assertThat(batch.accepted()).hasSize(6);
            assertThat(figures.get("lost")).as(line + system.tails()).isZero();
            assertThat(figures.get("duplicated")).as(line).isZero();
            assertThat(predictions).as(line + ": one billed prediction per job, none started twice").isEqualTo(6);
        }

        @Test
        @Order(2)
        void aStalledDownloadDoesNotPinAJobInRunning() throws Exception {
            var figures = new FaultFigures("provider_stalled_download");
            replicate.runTime(Duration.ofSeconds(1));
            replicate.stallNextDownloads(1);
            var submitted = submit(system.api, tenant, imageBody(tenant, "an image behind a stalled download"));
            boolean stalled = await(Duration.ofSeconds(30), () -> replicate.stalledDownloads() >= 1);
            // the lead's per-attempt deadline aborts the call; the retry downloads the output
            var tally = ledger.awaitFinished(submitted.accepted(), Duration.ofSeconds(90));
            replicate.calmDown();
            figures.set("submitted", 1).set("accepted", submitted.accepted().size()).outcome(tally)
                    .set("stalled", replicate.stalledDownloads()).set("status", jobStatus(submitted.accepted().get(0)));
            String line = figures.print();
            if (tally.unfinished() > 0) {
                // still pinned: it holds one of the worker's consumers; a fresh worker lets the next case start clean
                system.imageWorker.killHard();
                system.imageWorker = system.startImageWorker(Map.of());
            }

            assertThat(stalled).as(line + ": the download stalled" + system.tails()).isTrue();
            assertThat(figures.get("done")).as(line + ": a stalled download must not pin the job in running" + system.tails())
                    .isEqualTo(1);
        }

        private String predictionOf(UUID jobId) throws Exception {
            try (var c = java.sql.DriverManager.getConnection(system.db.url(), system.db.user(), system.db.password());
                 var s = c.prepareStatement("select prediction_id from jobs where id = ?")) {
                s.setObject(1, jobId);
                try (var rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        }

        private String jobStatus(UUID jobId) throws Exception {
            return system.api.get("/api/v2/jobs/" + jobId, tenant.key()).json().get("status").asString();
        }
    }

    // ---- shared by both groups

    static String imageBody(RunningSystem.Tenant tenant, String prompt) {
        return "{\"campaign_id\": \"" + tenant.campaignId() + "\", \"prompt\": \"" + prompt + "\"}";
    }

    static String videoBody(RunningSystem.Tenant tenant, String prompt) {
        return "{\"campaign_id\": \"" + tenant.campaignId() + "\", \"prompt\": \"" + prompt + "\", \"duration_s\": 5}";
    }

    static Submissions submit(Api api, RunningSystem.Tenant tenant, String body) throws Exception {
        String kind = body.contains("duration_s") ? "video" : "image";
        var reply = api.post("/api/v2/generate/" + kind, tenant.key(), body);
        if (reply.status() != 202) {
            throw new AssertionError("submission answered " + reply.status() + ": " + new String(reply.bytes()));
        }
        return new Submissions(List.of(UUID.fromString(reply.json().get("job_id").asString())), 1, 0, Map.of(), 0);
    }

    /**
     * Submits up to {@code count} jobs from {@code threads} clients at once, stopping early when
     * {@code enough} says so; keeps every 202's job id and counts the other answers.
     */
    static Submissions submitConcurrently(Api api, RunningSystem.Tenant tenant, int count, int threads,
                                          java.util.function.IntFunction<String> bodies, BooleanSupplier enough)
            throws Exception {
        List<UUID> accepted = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> other = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused503 = new AtomicInteger();
        AtomicInteger withoutRetryAfter = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            clients.add(pool.submit(() -> {
                int i;
                while (!enough.getAsBoolean() && (i = next.getAndIncrement()) < count) {
                    String body = bodies.apply(i);
                    var reply = api.post("/api/v2/generate/" + (body.contains("duration_s") ? "video" : "image"),
                            tenant.key(), body);
                    if (reply.status() == 202) {
                        accepted.add(UUID.fromString(reply.json().get("job_id").asString()));
                    } else if (reply.status() == 503) {
                        refused503.incrementAndGet();
                        if (reply.raw().headers().firstValue("Retry-After").isEmpty()) {
                            withoutRetryAfter.incrementAndGet();
                        }
                    } else {
                        other.merge(reply.status(), 1, Integer::sum);
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        for (var client : clients) {
            client.get(10, TimeUnit.MINUTES);
        }
        int submitted = accepted.size() + refused503.get() + other.values().stream().mapToInt(Integer::intValue).sum();
        return new Submissions(List.copyOf(accepted), submitted, refused503.get(), Map.copyOf(other), withoutRetryAfter.get());
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls until the check holds or the time is up; a check that throws (a database away) is looked at again. */
    static boolean await(Duration timeout, Check check) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            try {
                if (check.holds()) {
                    return true;
                }
            } catch (Exception notYet) {
                // e.g. PostgreSQL restarting
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return false;
    }

    interface StatusCall {
        int call() throws Exception;
    }

    /** A status, or 0 when the server closed the connection on a body it would not read (an answer, not a crash). */
    static int statusOrClosed(StatusCall call) throws Exception {
        try {
            return call.call();
        } catch (java.io.IOException closed) {
            return 0;
        }
    }

    static String statusCounts(List<BadInputSweep.Outcome> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(BadInputSweep.Outcome::status, java.util.TreeMap::new,
                Collectors.counting())).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /**
     * A service stopped for a while on another thread, started again after {@code downFor}; {@link #end()}
     * waits for that and starts it if anything went wrong, so a failing test never leaves it down.
     */
    static final class Outage {
        interface Action {
            void run() throws Exception;
        }

        private final Action stop;
        private final Action start;
        private final Duration downFor;
        private final java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        private volatile boolean begun;
        private volatile boolean stopped;
        private volatile long stoppedAt;
        private volatile long startedAt;

        Outage(Action stop, Action start, Duration downFor) {
            this.stop = stop;
            this.start = start;
            this.downFor = downFor;
        }

        synchronized void begin() {
            if (begun) {
                return;
            }
            begun = true;
            Thread t = new Thread(() -> {
                try {
                    stop.run();
                    stopped = true;
                    stoppedAt = System.nanoTime();
                    Thread.sleep(downFor.toMillis());
                } catch (Exception e) {
                    done.completeExceptionally(e);
                } finally {
                    try {
                        start.run();
                        startedAt = System.nanoTime();
                        done.complete(null);
                    } catch (Exception e) {
                        done.completeExceptionally(e);
                    }
                }
            }, "outage");
            t.setDaemon(true);
            t.start();
        }

        boolean over() {
            return done.isDone();
        }

        boolean happened() {
            return stopped && startedAt > 0;
        }

        double seconds() {
            return happened() ? Math.round((startedAt - stoppedAt) / 1e8) / 10.0 : 0;
        }

        void end() throws Exception {
            if (!begun) {
                return;
            }
            try {
                done.get(2, TimeUnit.MINUTES);
            } catch (Exception e) {
                start.run(); // make sure; starting a running service is harmless
                throw e;
            }
        }
    }
}
