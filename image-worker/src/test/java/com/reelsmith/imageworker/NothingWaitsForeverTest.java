package com.reelsmith.imageworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.GenerateImageCommand;
import com.reelsmith.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every unfinished state has a time after which the sweeper acts, and nothing makes a job skip
 * the wait it was given. One consumer, so commands are handled in the order they were sent and
 * a marker job finishing proves the commands before it were delivered and handled.
 */
class NothingWaitsForeverTest extends ImageWorkerTestBase {

    @DynamicPropertySource
    static void deadlines(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.listener.simple.concurrency", () -> "1");
        registry.add("reelsmith.worker.requeue-queued-after", () -> "1s");
        registry.add("reelsmith.worker.attempt-timeout", () -> "2s");
    }

    @Autowired
    RabbitListenerEndpointRegistry listeners;
    @Autowired
    AmqpAdmin admin;

    @BeforeEach
    void quietWorker() throws InterruptedException {
        // each case starts from a worker with no unfinished job and an empty queue
        Eventually.holdsWithin(Duration.ofSeconds(30),
                () -> count("select count(*) from jobs where status not in ('succeeded', 'failed', 'canceled')") == 0);
        admin.purgeQueue(routing.imageWorkerCommands(), false);
    }

    @AfterEach
    void listenersBackOn() {
        listeners.start();
    }

    @Test
    void aRetryWhoseResentCommandIsLostIsSentAgain() throws Exception {
        listeners.stop();
        UUID job = fixtures.queuedJob(tenant, "image", ImageJobTest.PROMPT_ONLY);
        fixtures.update("update jobs set status = 'retrying', attempts = 1, next_attempt_at = now() where id = '" + job + "'");
        // the sweeper sends the retry's command...
        Eventually.await("the retry's command published", Duration.ofSeconds(10), () -> count(
                "select count(*) from outbox where headers->>'job_id' = '" + job + "' and published_at is not null") > 0);
        awaitCommandQueued(1, 10_000);
        // ...and the broker loses it (dead-lettered after a database blip, dropped by a broker)
        admin.purgeQueue(routing.imageWorkerCommands(), false);
        listeners.start();

        assertThat(awaitStatus(job, "succeeded", 20_000)).isEqualTo("succeeded");
    }

    @Test
    void aQueuedJobWhoseCommandWasLostIsSentAgainAndSucceeds() throws Exception {
        listeners.stop();
        UUID job = submitImageJob(ImageJobTest.PROMPT_ONLY);
        awaitCommandQueued(1, 10_000);
        // the broker loses the command (a purge, a lost node) while the job waits, queued
        admin.purgeQueue(routing.imageWorkerCommands(), false);
        assertThat(queueDepth()).isZero();
        listeners.start();

        assertThat(awaitStatus(job, "succeeded", 20_000)).isEqualTo("succeeded");
        assertThat(count("select count(*) from outbox where routing_key = 'image.generate' and headers->>'job_id' = '" + job + "'"))
                .as("the first command and the sweeper's re-send").isGreaterThanOrEqualTo(2);
        assertThat(fixtures.value("select attempts from jobs where id = '" + job + "'")).isEqualTo(1);
    }

    @Test
    void aStrayCommandDoesNotCutARetrysBackoffShort() throws Exception {
        UUID retrying = fixtures.queuedJob(tenant, "image", ImageJobTest.PROMPT_ONLY);
        fixtures.update("update jobs set status = 'retrying', attempts = 1, next_attempt_at = now() + interval '1 hour'"
                + " where id = '" + retrying + "'");
        UUID correlation = (UUID) fixtures.value("select correlation_id from jobs where id = '" + retrying + "'");
        transaction.executeWithoutResult(s -> outbox.sendCommand(GenerateImageCommand.of(retrying, correlation)));
        UUID marker = submitImageJob(ImageJobTest.PROMPT_ONLY);

        assertThat(awaitStatus(marker, "succeeded", 20_000)).isEqualTo("succeeded");
        assertThat(status(retrying)).as("the stray command was handled before the marker, and ignored").isEqualTo("retrying");
        assertThat(fixtures.value("select attempts from jobs where id = '" + retrying + "'")).isEqualTo(1);
        fixtures.update("update jobs set status = 'canceled' where id = '" + retrying + "'"); // not to wait an hour for it
    }

    @Test
    void aStalledProviderCallIsAbortedAtTheAttemptDeadlineAndRetried() throws Exception {
        providerStalls.set(1);

        UUID job = submitImageJob(ImageJobTest.PROMPT_ONLY);

        assertThat(awaitStatus(job, "succeeded", 20_000)).isEqualTo("succeeded");
        assertThat(fixtures.value("select attempts from jobs where id = '" + job + "'")).isEqualTo(2);
    }

    @Test
    void aBacklogWaitingInTheQueueIsNotSentAgain() throws Exception {
        listeners.stop();
        List<UUID> backlog = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            backlog.add(submitImageJob(ImageJobTest.PROMPT_ONLY));
        }
        awaitCommandQueued(20, 10_000);
        // a marker: one more job, queued longest of all, whose command really is lost (it was never sent)
        var other = fixtures.tenant();
        UUID lost = fixtures.queuedJob(other, "image", ImageJobTest.PROMPT_ONLY);
        fixtures.update("update jobs set updated_at = now() - interval '20 minutes' where id = '" + lost + "'");
        // queued for longer than requeue-queued-after, with their commands still waiting in the queue
        fixtures.update("update jobs set updated_at = now() - interval '10 minutes' where campaign_id = '"
                + tenant.campaignId() + "'");
        // a sweep ran with all of them stale: it re-sent the one lost command (the queue is one short)...
        awaitCommandQueued(21, 10_000);
        Thread.sleep(1_000); // ...and the five sweeps after it found nothing missing

        // counted per job of the backlog: a job of another test whose command really was lost may be re-sent meanwhile
        assertThat(count("select count(*) from outbox where routing_key = 'image.generate' and headers->>'job_id' in (select "
                + "id::text from jobs where campaign_id = '" + tenant.campaignId() + "')"))
                .as("no duplicate commands added to the backlog").isEqualTo(20);
        assertThat(count("select count(*) from outbox where routing_key = 'image.generate' and headers->>'job_id' = '" + lost
                + "'")).as("the lost command was re-sent").isEqualTo(1);
        assertThat(queueDepth()).isEqualTo(21);
        listeners.start();
        backlog.add(lost);
        for (UUID job : backlog) {
            assertThat(awaitStatus(job, "succeeded", 20_000)).isEqualTo("succeeded");
        }
    }

    private void awaitCommandQueued(int count, long timeoutMs) throws InterruptedException {
        Eventually.holdsWithin(Duration.ofMillis(timeoutMs), () -> queueDepth() >= count);
        assertThat(queueDepth()).as("commands waiting in the queue").isGreaterThanOrEqualTo(count);
    }

    private int queueDepth() {
        Properties properties = admin.getQueueProperties(routing.imageWorkerCommands());
        return ((Number) properties.get("QUEUE_MESSAGE_COUNT")).intValue();
    }
}
