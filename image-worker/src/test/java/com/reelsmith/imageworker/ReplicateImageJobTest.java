package com.reelsmith.imageworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.GenerateImageCommand;
import com.reelsmith.testing.Eventually;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.testing.FakeReplicate;
import com.reelsmith.testing.Fixtures;
import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import com.reelsmith.testing.TestEnvironment;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The image worker with PROVIDER=replicate against a fake Replicate speaking its HTTP protocol.
 * No PUBLIC_BASE_URL here, so completion is found by polling: the safety net under webhooks.
 */
@SpringBootTest(classes = ImageWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ReplicateImageJobTest {

    static final TestDatabase db = TestDatabase.createMigrated();
    static final TestBroker broker = TestBroker.withFreshPrefix();
    static final Fixtures fixtures = new Fixtures(db);
    static final FakeReplicate replicate = FakeReplicate.forTests(Duration.ofMillis(600));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestEnvironment.wire(registry, db, broker);
        registry.add("reelsmith.media.dir", Files.createTempDirectory("replicate-media")::toString);
        TestEnvironment.wireReplicate(registry, replicate);
        registry.add("reelsmith.worker.retry-base", () -> "100ms");
        registry.add("reelsmith.worker.sweep-interval", () -> "100ms");
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JobTransitions jobs;

    Fixtures.Tenant tenant;

    @BeforeEach
    void aTenant() {
        tenant = fixtures.tenant();
    }

    @AfterAll
    static void stopFake() {
        replicate.close();
    }

    @Test
    void aPromptBecomesANanoBananaPredictionWhoseOutputIsKeptAndChargedOnce() throws Exception {
        UUID job = submit("a red sneaker", "0.039");

        assertThat(fixtures.awaitStatus(job, "succeeded", 20_000)).isEqualTo("succeeded");

        var created = replicate.created().stream().filter(c -> c.input().path("prompt").asString().equals("a red sneaker"))
                .findFirst().orElseThrow();
        assertThat(created.model()).isEqualTo("google/nano-banana");
        assertThat(created.input().path("output_format").asString()).isEqualTo("png");
        assertThat(created.webhook()).as("no PUBLIC_BASE_URL: polling").isNull();
        assertThat(fixtures.value("select prediction_id from jobs where id = '" + job + "'")).isEqualTo(created.id());
        assertThat(fixtures.value("select provider from generated_images where job_id = '" + job + "'")).isEqualTo("replicate");
        assertThat((String) fixtures.value("select provider_url from generated_images where job_id = '" + job + "'"))
                .endsWith("/files/" + created.id() + ".png");
        assertThat((Integer) fixtures.value("select width from generated_images where job_id = '" + job + "'")).isPositive();
        // the estimate is the test's own (0.039), and recording the image falls back to it as the cost, so the
        // cost alone would not show the charge: the prediction the charge was made for does
        assertThat(fixtures.value("select billed_prediction_id from jobs where id = '" + job + "'"))
                .as("charged for its prediction when it succeeded").isEqualTo(created.id());
        assertThat((BigDecimal) fixtures.value("select cost_usd from jobs where id = '" + job + "'"))
                .as("once").isEqualByComparingTo("0.039");
        assertThat(fixtures.value("select attempts from jobs where id = '" + job + "'"))
                .as("polls are not attempts").isEqualTo(1);
    }

    @Test
    void theModelIsSentTheJobsEffectivePromptWithTheBrandNotThePromptAlone() throws Exception {
        UUID job = fixtures.queuedJob(tenant, "image", "{\"prompt\": \"a serum\", \"aspect_ratio\": \"1:1\", "
                + "\"output_format\": \"png\", \"reference\": null, \"seed\": 1, "
                + "\"effective_prompt\": \"a serum Brand guidelines: colours #ff3b00.\"}");
        UUID correlationId = (UUID) fixtures.value("select correlation_id from jobs where id = '" + job + "'");
        transaction.executeWithoutResult(s -> outbox.sendCommand(GenerateImageCommand.of(job, correlationId)));

        assertThat(fixtures.awaitStatus(job, "succeeded", 20_000)).isEqualTo("succeeded");
        assertThat(awaitCreated("a serum Brand guidelines: colours #ff3b00.", 5_000).model()).isEqualTo("google/nano-banana");
        assertThat(createdFor("a serum")).as("the bare prompt was never sent").isEmpty();
        assertThat(fixtures.value("select prompt from generated_images where job_id = '" + job + "'"))
                .as("the image keeps the client's own prompt").isEqualTo("a serum");
    }

    @Test
    void aThrottledCreateIsRetriedAfterTheTimeReplicateAsked() throws Exception {
        // longer than the backoff (retry-base 100 ms) and the sweep, so only Retry-After explains the gap
        replicate.failNextCreate(429, Map.of("Retry-After", "2"), "{\"detail\": \"Request was throttled.\"}");

        UUID job = submit("throttled once", "0.039");

        assertThat(fixtures.awaitStatus(job, "succeeded", 20_000)).isEqualTo("succeeded");
        var calls = replicate.createCalls().stream()
                .filter(c -> c.input().path("prompt").asString().equals("throttled once")).toList();
        assertThat(calls).extracting(FakeReplicate.CreateCall::status).containsExactly(429, 201);
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at()))
                .as("the second create waited for Retry-After as Replicate saw it").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(fixtures.value("select attempts from jobs where id = '" + job + "'"))
                .as("a 429 is the provider pushing back, not the work failing: no attempt spent").isEqualTo(1);
    }

    @Test
    void aPredictionCreatedWhileItsJobWasCanceledIsCanceledAtReplicate() throws Exception {
        var release = new CountDownLatch(1);
        replicate.holdNextCreate(release);
        UUID job = submit("canceled while creating", "0.039");
        // the worker has claimed the job and its create is on its way to Replicate...
        awaitCreateCall("canceled while creating", 10_000);
        // ...when the client cancels the job
        assertThat(jobs.cancel(job)).extracting(JobTransitions.Canceled::id).containsExactly(job);
        release.countDown();

        var created = awaitCreated("canceled while creating", 10_000);
        Eventually.await("the prediction canceled at the fake", Duration.ofSeconds(10),
                () -> "canceled".equals(replicate.statusOf(created.id())));
        assertThat(replicate.statusOf(created.id())).as("nobody will collect it: stopped, so it is not billed")
                .isEqualTo("canceled");
        assertThat(fixtures.status(job)).isEqualTo("canceled");
        assertThat(fixtures.value("select count(*) from generated_images where job_id = '" + job + "'")).isEqualTo(0L);
    }

    @Test
    void aPredictionTheModelRefusedFailsTheJobWithAReasonAUserCanActOn() throws Exception {
        replicate.failNextPrediction("NSFW content detected in the output");

        UUID job = submit("refused", "0.039");

        assertThat(fixtures.awaitStatus(job, "failed", 20_000)).isEqualTo("failed");
        assertThat(fixtures.value("select error_code from jobs where id = '" + job + "'")).isEqualTo("content_rejected");
        assertThat((String) fixtures.value("select error_message from jobs where id = '" + job + "'")).contains("NSFW");
        assertThat(fixtures.value("select cost_usd from jobs where id = '" + job + "'")).isNull();
    }

    @Test
    void aServerErrorOnCreateIsRetriedAndTheJobStillSucceeds() throws Exception {
        replicate.failNextCreate(503, Map.of(), "{\"detail\": \"Service Unavailable\"}");

        UUID job = submit("after a 503", "0.039");

        assertThat(fixtures.awaitStatus(job, "succeeded", 20_000)).isEqualTo("succeeded");
        assertThat(fixtures.value("select attempts from jobs where id = '" + job + "'")).isEqualTo(2);
    }

    @Test
    void replicateUnreachableWhileAPredictionRunsDoesNotStartASecondBilledPrediction() throws Exception {
        replicate.failNextGets(3);

        UUID job = submit("watched through an outage", "0.039");

        assertThat(fixtures.awaitStatus(job, "succeeded", 20_000)).isEqualTo("succeeded");
        assertThat(replicate.created().stream().filter(c -> c.input().path("prompt").asString()
                .equals("watched through an outage"))).as("one prediction, looked at again").hasSize(1);
        assertThat(fixtures.value("select attempts from jobs where id = '" + job + "'")).isEqualTo(1);
    }

    @Test
    void anOutputGoneBeforeItWasFetchedFailsTheJobClearly() throws Exception {
        replicate.expireOutputs();
        try {
            UUID job = submit("expired", "0.039");

            assertThat(fixtures.awaitStatus(job, "failed", 20_000)).isEqualTo("failed");
            assertThat(fixtures.value("select error_code from jobs where id = '" + job + "'")).isEqualTo("output_expired");
            assertThat((BigDecimal) fixtures.value("select cost_usd from jobs where id = '" + job + "'"))
                    .as("the prediction succeeded, so its output was billed, downloaded or not").isEqualByComparingTo("0.039");
            assertThat(fixtures.value("select billed_prediction_id from jobs where id = '" + job + "'"))
                    .isNotNull().isEqualTo(fixtures.value("select prediction_id from jobs where id = '" + job + "'"));
        } finally {
            replicate.restoreOutputs();
        }
    }

    private void awaitCreateCall(String prompt, long timeoutMs) throws InterruptedException {
        Eventually.await("a create for '" + prompt + "' reached Replicate", Duration.ofMillis(timeoutMs),
                () -> replicate.createCalls().stream().anyMatch(c -> c.input().path("prompt").asString().equals(prompt)));
    }

    private FakeReplicate.Created awaitCreated(String prompt, long timeoutMs) {
        Eventually.await("a prediction for '" + prompt + "' was created", Duration.ofMillis(timeoutMs),
                () -> createdFor(prompt).isPresent());
        return createdFor(prompt).orElseThrow();
    }

    private java.util.Optional<FakeReplicate.Created> createdFor(String prompt) {
        return replicate.created().stream().filter(c -> c.input().path("prompt").asString().equals(prompt)).findFirst();
    }

    private UUID submit(String prompt, String estimate) {
        UUID job = fixtures.queuedJob(tenant, "image",
                "{\"prompt\": \"" + prompt + "\", \"aspect_ratio\": \"16:9\", \"output_format\": \"png\", \"reference\": null, \"seed\": 1}");
        fixtures.update("update jobs set estimated_cost_usd = " + estimate + " where id = '" + job + "'");
        UUID correlation = (UUID) fixtures.value("select correlation_id from jobs where id = '" + job + "'");
        transaction.executeWithoutResult(s -> outbox.sendCommand(GenerateImageCommand.of(job, correlation)));
        return job;
    }

}
