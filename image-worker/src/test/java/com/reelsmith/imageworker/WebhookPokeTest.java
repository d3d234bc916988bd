package com.reelsmith.imageworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.GenerateImageCommand;
import com.reelsmith.model.JobKind;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.provider.replicate.ReplicateClient;
import com.reelsmith.provider.replicate.ReplicateSettings;
import com.reelsmith.testing.FakeReplicate;
import com.reelsmith.testing.Fixtures;
import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import com.reelsmith.testing.TestEnvironment;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A webhook's poke that arrives while its job is momentarily running (another worker is just
 * parking it on its prediction) is not dropped: the job is looked at as soon as it is parked,
 * not at its next lazy poll. One consumer, so a marker job finishing proves the poke was handled.
 */
@SpringBootTest(classes = ImageWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class WebhookPokeTest {

    static final TestDatabase db = TestDatabase.createMigrated();
    static final TestBroker broker = TestBroker.withFreshPrefix();
    static final Fixtures fixtures = new Fixtures(db);
    static final FakeReplicate replicate = FakeReplicate.forTests(Duration.ofMillis(300));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestEnvironment.wire(registry, db, broker);
        registry.add("reelsmith.media.dir", Files.createTempDirectory("poke-media")::toString);
        TestEnvironment.wireReplicate(registry, replicate);
        registry.add("reelsmith.worker.sweep-interval", () -> "100ms");
        registry.add("spring.rabbitmq.listener.simple.concurrency", () -> "1");
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JobTransitions jobs;

    @AfterAll
    static void stopFake() {
        replicate.close();
    }

    @Test
    void aPokeForAJobThatIsBeingParkedIsNotLost() throws Exception {
        var tenant = fixtures.tenant();
        UUID job = fixtures.queuedJob(tenant, "image", ImageJobTest.PROMPT_ONLY);
        UUID correlation = (UUID) fixtures.value("select correlation_id from jobs where id = '" + job + "'");
        // another worker holds the job and has just created its prediction, which finishes at once
        jobs.claim(job, JobKind.IMAGE, "other-worker", Duration.ofMinutes(1)).orElseThrow();
        var client = new ReplicateClient(new ReplicateSettings(replicate.url(), FakeReplicate.TEST_TOKEN, Duration.ofSeconds(5), 0),
                HttpClient.newHttpClient());
        String prediction = client.create("google/nano-banana", Map.of("prompt", "quick"), null).id();

        // the prediction's webhook pokes the job while it is still running
        transaction.executeWithoutResult(s -> outbox.sendCommand(GenerateImageCommand.of(job, correlation)));
        UUID marker = fixtures.queuedJob(tenant, "image", ImageJobTest.PROMPT_ONLY);
        UUID markerCorrelation = (UUID) fixtures.value("select correlation_id from jobs where id = '" + marker + "'");
        transaction.executeWithoutResult(s -> outbox.sendCommand(GenerateImageCommand.of(marker, markerCorrelation)));
        assertThat(fixtures.awaitStatus(marker, "succeeded", 20_000)).isEqualTo("succeeded");

        // then the other worker parks it with a lazy next look, ten minutes away
        assertThat(jobs.awaitPrediction(job, "other-worker", "replicate", prediction, Instant.now().plusSeconds(600), 10,
                "prediction_starting")).isTrue();

        assertThat(fixtures.awaitStatus(job, "succeeded", 10_000)).isEqualTo("succeeded");
    }

}
