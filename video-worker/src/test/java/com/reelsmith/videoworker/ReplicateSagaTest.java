package com.reelsmith.videoworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.GenerateVideoCommand;
import com.reelsmith.model.JobKind;
import com.reelsmith.testing.Eventually;
import com.reelsmith.provider.replicate.ReplicateClient;
import com.reelsmith.provider.replicate.ReplicateSettings;
import com.reelsmith.testing.FakeReplicate;
import com.reelsmith.testing.TestEnvironment;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The saga with PROVIDER=replicate against the fake: what the start image costs is the child's,
 * and a saga that gives up stops the child's prediction at the provider, not only in Postgres.
 * The image worker's part is played by the test.
 */
class ReplicateSagaTest extends VideoWorkerTestBase {

    static final FakeReplicate replicate = FakeReplicate.forTests(Duration.ofMinutes(5));

    @DynamicPropertySource
    static void replicateProvider(DynamicPropertyRegistry registry) {
        TestEnvironment.wireReplicate(registry, replicate);
        registry.add("reelsmith.worker.saga-deadline", () -> "2s");
    }

    @AfterAll
    static void stopFake() {
        replicate.close();
    }

    @Test
    void theStartImageIsPricedOnTheChildAndTheTreeCostsWhatWasEstimated() throws Exception {
        // the estimate is written before the command goes out: a worker that took the job first
        // would split the gateway's estimate, not this one (seen once in CI)
        UUID video = fixtures.queuedJob(tenant, "video", ImageThenVideoSagaTest.PROMPT_ONLY);
        fixtures.update("update jobs set estimated_cost_usd = 0.289 where id = '" + video + "'"); // 5 s of kling + the image
        UUID correlation = (UUID) fixtures.value("select correlation_id from jobs where id = '" + video + "'");
        transaction.executeWithoutResult(s -> outbox.sendCommand(GenerateVideoCommand.of(video, correlation)));

        UUID child = awaitChild(video, 15_000);

        assertThat((BigDecimal) value("select estimated_cost_usd from jobs where id = '" + child + "'"))
                .isEqualByComparingTo("0.039");
        assertThat((BigDecimal) value("select estimated_cost_usd from jobs where id = '" + video + "'"))
                .isEqualByComparingTo("0.25");
    }

    @Test
    void aSagaThatGivesUpCancelsItsChildsPredictionAtTheProvider() throws Exception {
        UUID video = submitVideoJob(ImageThenVideoSagaTest.PROMPT_ONLY);
        UUID child = awaitChild(video, 15_000);
        // the image worker starts the child's prediction, which then runs far too long
        var job = jobs.claim(child, JobKind.IMAGE, "image-worker-test", Duration.ofMinutes(5)).orElseThrow();
        var client = new ReplicateClient(new ReplicateSettings(replicate.url(), FakeReplicate.TEST_TOKEN, Duration.ofSeconds(5), 0),
                HttpClient.newHttpClient());
        String prediction = client.create("google/nano-banana", Map.of("prompt", "slow"), null).id();
        jobs.awaitPrediction(child, "image-worker-test", "replicate", prediction, Instant.now().plusSeconds(600), 10,
                "prediction_processing");

        assertThat(awaitStatus(video, "failed", 15_000)).isEqualTo("failed");
        assertThat(status(child)).isEqualTo("canceled");
        Eventually.holdsWithin(Duration.ofSeconds(10), () -> "canceled".equals(replicate.statusOf(prediction)));
        assertThat(replicate.statusOf(prediction)).as("the billed prediction is stopped").isEqualTo("canceled");
    }

}
