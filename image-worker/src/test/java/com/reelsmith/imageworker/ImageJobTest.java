package com.reelsmith.imageworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.GenerateImageCommand;
import com.reelsmith.testing.Eventually;
import com.reelsmith.model.Routing;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.media.MediaStore;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.testing.EventTap;
import java.time.Duration;
import java.io.ByteArrayInputStream;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;

@ExtendWith(OutputCaptureExtension.class)
class ImageJobTest extends ImageWorkerTestBase {

    static final String PROMPT_ONLY = """
            {"prompt": "a red sneaker on a beach", "aspect_ratio": "16:9", "output_format": "png", "reference": null, "seed": 7}
            """;

    @Autowired
    MediaStore media;
    @Autowired
    JobTransitions jobs;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void aQueuedImageJobEndsWithAStoredPngAndAnEvent() throws Exception {
        try (var events = EventTap.on(broker, routing.eventsExchange(), "image.*")) {
            UUID jobId = submitImageJob(PROMPT_ONLY);

            assertThat(awaitStatus(jobId, "succeeded", 20_000)).isEqualTo("succeeded");

            var event = events.next(5_000);
            assertThat(event.routingKey()).isEqualTo(Routing.IMAGE_SUCCEEDED);
            assertThat(event.body()).contains(jobId.toString());
        }
        UUID jobId = UUID.fromString(fixtures.value("select id from jobs where campaign_id = '" + tenant.campaignId() + "'").toString());
        String key = (String) fixtures.value("select storage_key from generated_images where job_id = '" + jobId + "'");
        var png = ImageIO.read(new ByteArrayInputStream(media.get(key).getContentAsByteArray()));
        assertThat(png.getWidth()).isGreaterThan(png.getHeight()); // 16:9
        assertThat(fixtures.value("select width from generated_images where job_id = '" + jobId + "'")).isEqualTo(png.getWidth());
        assertThat(fixtures.value("select result_id = (select id from generated_images where job_id = jobs.id) from jobs where id = '" + jobId + "'"))
                .isEqualTo(true);
        assertThat(fixtures.value("select attempts from jobs where id = '" + jobId + "'")).isEqualTo(1);
        assertThat(fixtures.value("select progress from jobs where id = '" + jobId + "'")).isEqualTo(100);
        // what the dashboard plots of it: its wait, its duration, the provider call (as histograms)
        assertThat(meters.find("reelsmith.jobs.queue.wait").tag("kind", "image").timer().count()).isPositive();
        assertThat(meters.find("reelsmith.jobs.duration").tags("kind", "image", "status", "succeeded").timer().count())
                .isPositive();
        assertThat(meters.find("reelsmith.provider.calls").tags("provider", "local", "operation", "image", "outcome", "ok")
                .timer().count()).isPositive();
    }

    @Test
    void aCommandDeliveredTwiceProducesOneImage(CapturedOutput output) throws Exception {
        UUID jobId = fixtures.queuedJob(tenant, "image", PROMPT_ONLY);
        UUID correlation = (UUID) fixtures.value("select correlation_id from jobs where id = '" + jobId + "'");
        var command = GenerateImageCommand.of(jobId, correlation);
        String body = "{\"message_id\":\"" + command.messageId() + "\",\"job_id\":\"" + jobId + "\",\"correlation_id\":\""
                + correlation + "\",\"occurred_at\":\"2026-01-01T00:00:00Z\",\"type\":\"image.generate\",\"version\":1}";
        try (var tap = EventTap.reading(broker, routing.imageWorkerCommands())) {
            tap.publish(routing.commandsExchange(), Routing.IMAGE_GENERATE, command.messageId().toString(), body);
            tap.publish(routing.commandsExchange(), Routing.IMAGE_GENERATE, command.messageId().toString(), body);
        }

        assertThat(awaitStatus(jobId, "succeeded", 20_000)).isEqualTo("succeeded");
        // the duplicate was handled too: it found the job taken (running, so poked) or done, and took nothing
        awaitLog(output, "job " + jobId + " is (running elsewhere: poked|\\w+ and not ours to take)", 10_000);

        assertThat(count("select count(*) from generated_images where job_id = '" + jobId + "'")).isEqualTo(1);
        assertThat(fixtures.value("select attempts from jobs where id = '" + jobId + "'")).isEqualTo(1);
    }

    @Test
    void aRetryableProviderFailureIsRetriedInPostgresThenSucceeds() throws Exception {
        providerFailures.add(new ProviderException("provider_unavailable", "503 from the provider", true));

        UUID jobId = submitImageJob(PROMPT_ONLY);

        assertThat(awaitStatus(jobId, "succeeded", 20_000)).isEqualTo("succeeded");
        assertThat(fixtures.value("select attempts from jobs where id = '" + jobId + "'")).isEqualTo(2);
        assertThat(fixtures.value("select error_code from jobs where id = '" + jobId + "'")).isNull();
    }

    @Test
    void retriesStopAtTheMaximumAndTheJobSaysWhy() throws Exception {
        for (int i = 0; i < 3; i++) {
            providerFailures.add(new ProviderException("provider_unavailable", "503 from the provider", true));
        }
        try (var events = EventTap.on(broker, routing.eventsExchange(), Routing.IMAGE_FAILED)) {
            UUID jobId = submitImageJob(PROMPT_ONLY);

            assertThat(awaitStatus(jobId, "failed", 20_000)).isEqualTo("failed");
            assertThat(fixtures.value("select attempts from jobs where id = '" + jobId + "'")).isEqualTo(3);
            assertThat(fixtures.value("select error_code from jobs where id = '" + jobId + "'")).isEqualTo("provider_unavailable");
            assertThat((String) fixtures.value("select error_message from jobs where id = '" + jobId + "'"))
                    .contains("gave up after 3 attempts");
            assertThat(events.next(5_000).body()).contains(jobId.toString()).contains("provider_unavailable");
        }
    }

    @Test
    void aPermanentFailureFailsAtOnce() throws Exception {
        providerFailures.add(new ProviderException("content_rejected", "the prompt was refused by the model", false));

        UUID jobId = submitImageJob(PROMPT_ONLY);

        assertThat(awaitStatus(jobId, "failed", 20_000)).isEqualTo("failed");
        assertThat(fixtures.value("select attempts from jobs where id = '" + jobId + "'")).isEqualTo(1);
        assertThat(fixtures.value("select error_code from jobs where id = '" + jobId + "'")).isEqualTo("content_rejected");
    }

    @Test
    void aLibraryThatCannotBeLoadedFailsEachAttemptSayingSoNotAsALostWorker() throws Exception {
        for (int i = 0; i < 3; i++) {
            providerErrors.add(new NoClassDefFoundError("Could not initialize class org.example.NativeCodec"));
        }

        UUID jobId = submitImageJob(PROMPT_ONLY);

        assertThat(awaitStatus(jobId, "failed", 30_000)).isEqualTo("failed");
        assertThat(fixtures.value("select error_code from jobs where id = '" + jobId + "'")).isEqualTo("internal_error");
        assertThat((String) fixtures.value("select error_message from jobs where id = '" + jobId + "'"))
                .contains("NoClassDefFoundError", "org.example.NativeCodec", "gave up after 3 attempts");
    }

    @Test
    void aCommandAboutAJobThatDoesNotExistIsDeadLetteredNotRetried() {
        UUID ghost = UUID.randomUUID();
        String body = "{\"message_id\":\"" + UUID.randomUUID() + "\",\"job_id\":\"" + ghost + "\",\"correlation_id\":\""
                + UUID.randomUUID() + "\",\"occurred_at\":\"2026-01-01T00:00:00Z\",\"type\":\"image.generate\",\"version\":1}";
        try (var dlq = EventTap.reading(broker, Routing.deadLetterQueueOf(routing.imageWorkerCommands()))) {
            dlq.publish(routing.commandsExchange(), Routing.IMAGE_GENERATE, UUID.randomUUID().toString(), body);

            var dead = dlq.next(10_000);

            assertThat(dead).as("dead-lettered").isNotNull();
            assertThat(dead.body()).contains(ghost.toString());
            assertThat(dead.headers().get("x-dead-letter-reason").toString()).contains("no job " + ghost);
            // recorded in Postgres too, with its reason, job and original route, for the ops API to list and replay
            assertThat(fixtures.value("select reason || ' | ' || queue || ' | ' || routing_key || ' | ' || status"
                    + " from dead_letters where job_id = '" + ghost + "'"))
                    .isEqualTo("no job " + ghost + " | " + routing.imageWorkerCommands() + " | " + Routing.IMAGE_GENERATE + " | new");
        }
    }

    @Test
    void anImageCommandForAVideoJobIsDeadLetteredAndTheJobLeftAlone() {
        UUID videoJob = fixtures.queuedJob(tenant, "video", "{\"prompt\": \"x\"}");
        try (var dlq = EventTap.reading(broker, Routing.deadLetterQueueOf(routing.imageWorkerCommands()))) {
            transaction.executeWithoutResult(s -> outbox.sendCommand(GenerateImageCommand.of(videoJob, UUID.randomUUID())));

            var dead = dlq.next(10_000);

            assertThat(dead).isNotNull();
            assertThat(dead.headers().get("x-dead-letter-reason").toString()).contains("wrong worker");
            assertThat(status(videoJob)).isEqualTo("queued");
        }
    }

    @Test
    void anUnreadableMessageIsDeadLettered() {
        try (var dlq = EventTap.reading(broker, Routing.deadLetterQueueOf(routing.imageWorkerCommands()))) {
            dlq.publish(routing.commandsExchange(), Routing.IMAGE_GENERATE, UUID.randomUUID().toString(), "not json {");

            var dead = dlq.next(10_000);

            assertThat(dead).isNotNull();
            assertThat(dead.headers().get("x-dead-letter-reason").toString()).contains("unreadable");
            assertThat(fixtures.value("select payload from dead_letters where message_id = '" + dead.messageId() + "'"))
                    .isEqualTo("not json {");
        }
    }

    @Test
    void aJobWhoseWorkerDiedIsTakenAgainWhenItsLeaseRunsOut() throws Exception {
        UUID jobId = fixtures.queuedJob(tenant, "image", PROMPT_ONLY);
        // as a crashed worker leaves it: running, attempt 1 counted, lease run out
        fixtures.update("update jobs set status = 'running', attempts = 1, lease_owner = 'image-worker:dead', "
                + "lease_expires_at = now() - interval '1 second', started_at = now() where id = '" + jobId + "'");

        assertThat(awaitStatus(jobId, "succeeded", 20_000)).isEqualTo("succeeded");
        assertThat(fixtures.value("select attempts from jobs where id = '" + jobId + "'")).isEqualTo(2);
    }

    @Test
    void aJobRunningUnderALiveLeaseIsNotTakenByADuplicateCommand() throws Exception {
        UUID jobId = fixtures.queuedJob(tenant, "image", PROMPT_ONLY);
        fixtures.update("update jobs set status = 'running', attempts = 1, lease_owner = 'image-worker:alive', "
                + "lease_expires_at = now() + interval '1 hour' where id = '" + jobId + "'");
        UUID correlation = (UUID) fixtures.value("select correlation_id from jobs where id = '" + jobId + "'");

        transaction.executeWithoutResult(s -> outbox.sendCommand(GenerateImageCommand.of(jobId, correlation)));
        // the command was handled: finding the job running under another's lease, the worker poked it
        Eventually.holdsWithin(Duration.ofSeconds(10),
                () -> Boolean.TRUE.equals(fixtures.value("select poked from jobs where id = '" + jobId + "'")));
        assertThat(fixtures.value("select poked from jobs where id = '" + jobId + "'")).as("the command was handled").isEqualTo(true);

        assertThat(status(jobId)).isEqualTo("running");
        assertThat(fixtures.value("select lease_owner from jobs where id = '" + jobId + "'")).isEqualTo("image-worker:alive");
        assertThat(count("select count(*) from generated_images where job_id = '" + jobId + "'")).isZero();
        fixtures.update("update jobs set status = 'canceled' where id = '" + jobId + "'"); // not left running for an hour
    }

    @Test
    void aJobOutOfAttemptsWhoseWorkerWasLostFailsAndSaysSo() throws Exception {
        UUID jobId = fixtures.queuedJob(tenant, "image", PROMPT_ONLY);
        // listening before the lease runs out: the sweeper may fail the job at once
        try (var events = EventTap.on(broker, routing.eventsExchange(), Routing.IMAGE_FAILED)) {
            // its last attempt's worker crashed: running, every attempt counted, lease run out
            fixtures.update("update jobs set status = 'running', attempts = max_attempts, lease_owner = 'image-worker:dead', "
                    + "lease_expires_at = now() - interval '1 second', started_at = now() where id = '" + jobId + "'");

            assertThat(awaitStatus(jobId, "failed", 20_000)).isEqualTo("failed");

            assertThat(fixtures.value("select error_code from jobs where id = '" + jobId + "'")).isEqualTo("worker_lost");
            assertThat(fixtures.value("select attempts = max_attempts from jobs where id = '" + jobId + "'")).isEqualTo(true);
            var event = events.next(5_000);
            assertThat(event).as("image.failed published for a job failed by the sweeper").isNotNull();
            assertThat(event.body()).contains(jobId.toString()).contains("worker_lost");
        }
        assertThat(count("select count(*) from generated_images where job_id = '" + jobId + "'")).isZero();
    }

    @Test
    void aJobCanceledWhileItsProviderCallRunsIsNeverRecordedAsSucceeded(CapturedOutput output) throws Exception {
        var gate = ProviderGate.closed();
        providerGate.set(gate);
        UUID jobId = submitImageJob(PROMPT_ONLY);
        assertThat(gate.entered().await(10, TimeUnit.SECONDS)).as("the worker is in the provider call").isTrue();

        assertThat(jobs.cancel(jobId)).extracting(JobTransitions.Canceled::id).containsExactly(jobId);
        gate.open().countDown();

        // the worker finished its call and tried to record the image
        awaitLog(output, "image job " + jobId + " was canceled or taken over meanwhile; result dropped", 10_000);
        assertThat(status(jobId)).isEqualTo("canceled");
        assertThat(fixtures.value("select result_id from jobs where id = '" + jobId + "'")).isNull();
        assertThat(count("select count(*) from generated_images where job_id = '" + jobId + "'")).isZero();
    }

    static void awaitLog(CapturedOutput output, String regex, long timeoutMs) {
        Eventually.awaitLog(output::getAll, regex, Duration.ofMillis(timeoutMs));
    }
}
