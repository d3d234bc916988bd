package com.reelsmith.videoworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.GenerateVideoCommand;
import com.reelsmith.testing.Eventually;
import com.reelsmith.model.ImageJobInput;
import com.reelsmith.model.JobKind;
import com.reelsmith.model.Routing;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.provider.ImageRequest;
import com.reelsmith.provider.local.LocalImageGenerator;
import com.reelsmith.provider.local.LocalSettings;
import com.reelsmith.testing.EventTap;
import com.reelsmith.testing.Fixtures;
import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import com.reelsmith.testing.TestEnvironment;
import com.reelsmith.work.JobFailures;
import com.reelsmith.work.ResultRecorder;
import com.reelsmith.work.WorkerIdentity;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The video worker as it runs, on the real PostgreSQL and RabbitMQ. The image worker's part of
 * the saga is played by the test with the workers' shared code (claim, record, fail), so its
 * events travel through the real outbox and broker to the video worker.
 */
@SpringBootTest(classes = VideoWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
// every test class shares the database and queue prefix below: closing its context after the class
// stops its listeners and sweeper, so no earlier class's worker takes this class's messages
@DirtiesContext
abstract class VideoWorkerTestBase {

    static final TestDatabase db = TestDatabase.createMigrated();
    static final TestBroker broker = TestBroker.withFreshPrefix();
    static final Fixtures fixtures = new Fixtures(db);

    static void common(DynamicPropertyRegistry registry) throws Exception {
        TestEnvironment.wire(registry, db, broker);
        registry.add("reelsmith.media.dir", Files.createTempDirectory("video-worker-media")::toString);
        registry.add("reelsmith.worker.lease", () -> "3s");
        registry.add("reelsmith.worker.sweep-interval", () -> "200ms");
        // small, short videos: the tests are about the saga, not the encoder
        registry.add("reelsmith.provider.local-video-long-side", () -> "160");
        registry.add("reelsmith.provider.local-fps", () -> "8");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        common(registry);
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    Routing routing;
    @Autowired
    JobTransitions jobs;
    @Autowired
    ResultRecorder results;
    @Autowired
    JobFailures failures;
    @Autowired
    WorkerIdentity worker;
    @Autowired
    ObjectMapper json;
    @Autowired
    RabbitListenerEndpointRegistry listeners;
    @Autowired
    AmqpAdmin admin;

    final LocalImageGenerator images = new LocalImageGenerator(new LocalSettings(320, 160, 8, Duration.ZERO));
    Fixtures.Tenant tenant;

    @BeforeEach
    void freshTenant() {
        tenant = fixtures.tenant();
    }

    UUID submitVideoJob(String inputJson) {
        UUID jobId = fixtures.queuedJob(tenant, "video", inputJson);
        UUID correlationId = (UUID) fixtures.value("select correlation_id from jobs where id = '" + jobId + "'");
        transaction.executeWithoutResult(s -> outbox.sendCommand(GenerateVideoCommand.of(jobId, correlationId)));
        return jobId;
    }

    /** Plays the image worker for one job: takes it, draws the image, records it (which emits image.succeeded). */
    UUID runImageJob(UUID imageJobId) {
        Job job = jobs.claim(imageJobId, JobKind.IMAGE, worker.id(), Duration.ofSeconds(30)).orElseThrow();
        var input = json.readValue(job.input(), ImageJobInput.class);
        var png = images.generateImage(new ImageRequest(job.id(), input.prompt(), List.of(), input.aspectRatio(), "png", 1L));
        if (!results.recordImage(job, input.prompt(), png, null, BigDecimal.ZERO)) {
            throw new IllegalStateException("image job " + imageJobId + " was not ours to finish");
        }
        return (UUID) fixtures.value("select result_id from jobs where id = '" + imageJobId + "'");
    }

    /** Plays an image worker whose provider refused the prompt. */
    void failImageJob(UUID imageJobId, String code, String message) {
        Job job = jobs.claim(imageJobId, JobKind.IMAGE, worker.id(), Duration.ofSeconds(30)).orElseThrow();
        failures.failed(job, code, message, false);
    }

    /** An image of this tenant's, already generated (a client's earlier image job). */
    UUID existingImage() {
        UUID imageJob = fixtures.queuedJob(tenant, "image",
                "{\"prompt\": \"a product shot\", \"aspect_ratio\": \"16:9\", \"output_format\": \"png\", \"reference\": null, \"seed\": 3}");
        return runImageJob(imageJob);
    }

    UUID awaitChild(UUID parentId, long timeoutMs) throws InterruptedException {
        Eventually.holdsWithin(Duration.ofMillis(timeoutMs),
                () -> fixtures.value("select id from jobs where parent_job_id = '" + parentId + "'") != null);
        Object child = fixtures.value("select id from jobs where parent_job_id = '" + parentId + "'");
        if (child == null) {
            throw new AssertionError("job " + parentId + " started no child job within " + timeoutMs + " ms; it is "
                    + status(parentId) + " (saga_state " + value("select saga_state from jobs where id = '" + parentId + "'")
                    + ", error_code " + value("select error_code from jobs where id = '" + parentId + "'") + ")");
        }
        return UUID.fromString(child.toString());
    }

    /** The listener container that takes the image events (a saga's children finishing), to hold them back a while. */
    MessageListenerContainer imageEventsListener() {
        return listeners.getListenerContainers().stream()
                .filter(c -> c instanceof AbstractMessageListenerContainer a
                        && List.of(a.getQueueNames()).contains(routing.videoWorkerImageEvents()))
                .findFirst().orElseThrow();
    }

    void awaitQueueDepth(String queue, int depth, long timeoutMs) throws InterruptedException {
        Eventually.holdsWithin(Duration.ofMillis(timeoutMs), () -> queueDepth(queue) == depth);
        assertThat(queueDepth(queue)).as("messages waiting in " + queue).isEqualTo(depth);
    }

    int queueDepth(String queue) {
        return ((Number) admin.getQueueProperties(queue).get("QUEUE_MESSAGE_COUNT")).intValue();
    }

    /** The event about {@code jobId} among those the tap receives. */
    static EventTap.Received awaitEventAbout(EventTap tap, UUID jobId, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        EventTap.Received received;
        do {
            received = tap.next(Math.max(1, deadline - System.currentTimeMillis()));
        } while (received != null && !received.body().contains(jobId.toString()));
        assertThat(received).as("an event about job " + jobId).isNotNull();
        return received;
    }

    static void awaitLog(CapturedOutput output, String regex, long timeoutMs) {
        Eventually.awaitLog(output::getAll, regex, Duration.ofMillis(timeoutMs));
    }

    static long logLines(CapturedOutput output, String regex) {
        return Pattern.compile(regex).matcher(output.getAll()).results().count();
    }

    String status(UUID jobId) {
        return fixtures.status(jobId);
    }

    String awaitStatus(UUID jobId, String wanted, long timeoutMs) throws InterruptedException {
        return fixtures.awaitStatus(jobId, wanted, timeoutMs);
    }

    Object value(String sql) {
        return fixtures.value(sql);
    }
}
