package com.reelsmith.imageworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.GenerateImageCommand;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.testing.FakeReplicate;
import com.reelsmith.testing.Fixtures;
import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import com.reelsmith.testing.TestEnvironment;
import java.nio.file.Files;
import java.time.Duration;
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
 * A provider that pushes back (429 with Retry-After) has not tried the work: the job waits as
 * asked and tries again without spending its attempts, so a storm longer than max_attempts
 * does not fail jobs the provider never ran.
 */
@SpringBootTest(classes = ImageWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ProviderPushBackTest {

    static final TestDatabase db = TestDatabase.createMigrated();
    static final TestBroker broker = TestBroker.withFreshPrefix();
    static final Fixtures fixtures = new Fixtures(db);
    static final FakeReplicate replicate = FakeReplicate.forTests(Duration.ofMillis(300));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestEnvironment.wire(registry, db, broker);
        registry.add("reelsmith.media.dir", Files.createTempDirectory("push-back-media")::toString);
        TestEnvironment.wireReplicate(registry, replicate);
        registry.add("reelsmith.worker.retry-base", () -> "100ms");
        registry.add("reelsmith.worker.sweep-interval", () -> "100ms");
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;

    @AfterAll
    static void stopFake() {
        replicate.close();
    }

    @Test
    void moreRefusalsThanAttemptsStillEndInTheImageWithNoAttemptSpentOnThem() throws Exception {
        // four 429s: more than the job's three attempts, fewer than would open the circuit breaker
        replicate.failNextCreates(4, 429, Map.of("Retry-After", "1"));
        var tenant = fixtures.tenant();
        UUID job = fixtures.queuedJob(tenant, "image", ImageJobTest.PROMPT_ONLY);
        fixtures.update("update jobs set estimated_cost_usd = 0.039 where id = '" + job + "'");
        UUID correlation = (UUID) fixtures.value("select correlation_id from jobs where id = '" + job + "'");
        transaction.executeWithoutResult(s -> outbox.sendCommand(GenerateImageCommand.of(job, correlation)));

        assertThat(fixtures.awaitStatus(job, "succeeded", 30_000)).isEqualTo("succeeded");
        assertThat(replicate.faultsAnswered()).as("every refusal was met").isGreaterThanOrEqualTo(4);
        assertThat(fixtures.value("select attempts from jobs where id = '" + job + "'")).isEqualTo(1);
    }

}
