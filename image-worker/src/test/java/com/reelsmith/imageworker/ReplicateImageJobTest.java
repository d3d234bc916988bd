package com.reelsmith.imageworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.GenerateImageCommand;
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
    static final FakeReplicate replicate = start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestEnvironment.wire(registry, db, broker);
        registry.add("reelsmith.media.dir", Files.createTempDirectory("replicate-media")::toString);
        registry.add("reelsmith.provider.name", () -> "replicate");
        registry.add("reelsmith.replicate.base-url", () -> replicate.url().toString());
        registry.add("reelsmith.replicate.api-token", () -> "r8_test_token");
        registry.add("reelsmith.replicate.poll-interval", () -> "200ms");
        registry.add("reelsmith.worker.retry-base", () -> "100ms");
        registry.add("reelsmith.worker.sweep-interval", () -> "100ms");
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;

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
        assertThat((BigDecimal) fixtures.value("select cost_usd from jobs where id = '" + job + "'"))
                .isEqualByComparingTo("0.039");
        assertThat(fixtures.value("select attempts from jobs where id = '" + job + "'"))
                .as("polls are not attempts").isEqualTo(1);
    }

    @Test
    void aThrottledCreateIsRetriedAfterTheTimeReplicateAsked() throws Exception {
        replicate.failNextCreate(429, Map.of("Retry-After", "1"), "{\"detail\": \"Request was throttled.\"}");
        long before = System.nanoTime();

        UUID job = submit("throttled once", "0.039");

        assertThat(fixtures.awaitStatus(job, "succeeded", 20_000)).isEqualTo("succeeded");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThan(Duration.ofSeconds(1));
        assertThat(fixtures.value("select attempts from jobs where id = '" + job + "'"))
                .as("a 429 is the provider pushing back, not the work failing: no attempt spent").isEqualTo(1);
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
        } finally {
            replicate.restoreOutputs();
        }
    }

    private UUID submit(String prompt, String estimate) {
        UUID job = fixtures.queuedJob(tenant, "image",
                "{\"prompt\": \"" + prompt + "\", \"aspect_ratio\": \"16:9\", \"output_format\": \"png\", \"reference\": null, \"seed\": 1}");
        fixtures.update("update jobs set estimated_cost_usd = " + estimate + " where id = '" + job + "'");
        UUID correlation = (UUID) fixtures.value("select correlation_id from jobs where id = '" + job + "'");
        transaction.executeWithoutResult(s -> outbox.sendCommand(GenerateImageCommand.of(job, correlation)));
        return job;
    }

    private static FakeReplicate start() {
        try {
            return new FakeReplicate("r8_test_token", "whsec_dGVzdA==", Duration.ofMillis(600));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
