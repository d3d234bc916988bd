package com.reelsmith.studioworker.productions;

import com.reelsmith.model.JobKind;
import com.reelsmith.model.StoryboardJobInput;
import com.reelsmith.model.VideoJobInput;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.productions.ProductionOrders;
import com.reelsmith.platform.storyboards.Brief;
import com.reelsmith.platform.storyboards.Briefs;
import com.reelsmith.platform.storyboards.CreativeDirection;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.StoryboardContent;
import com.reelsmith.platform.storyboards.Storyboards;
import com.reelsmith.provider.ImageRequest;
import com.reelsmith.provider.ReferenceImage;
import com.reelsmith.provider.VideoRequest;
import com.reelsmith.provider.local.LocalImageGenerator;
import com.reelsmith.provider.local.LocalSettings;
import com.reelsmith.provider.local.LocalVideoGenerator;
import com.reelsmith.studioworker.StudioWorkerApplication;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The studio worker as it runs, on the real PostgreSQL and RabbitMQ. The video worker's part is
 * played by the test with the workers' own code (claim, record, fail), so the scene clips' events
 * travel through the real outbox and broker to the studio worker; the storyboard is approved as
 * the gateway approves it (its estimate reserved on the campaign).
 */
@SpringBootTest(classes = StudioWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
abstract class ProductionTestBase {

    static final TestDatabase db = TestDatabase.createMigrated();
    static final TestBroker broker = TestBroker.withFreshPrefix();
    static final Fixtures fixtures = new Fixtures(db);
    static final int CAP = 2;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestEnvironment.wire(registry, db, broker);
        registry.add("reelsmith.media.dir", Files.createTempDirectory("studio-worker-media")::toString);
        registry.add("reelsmith.worker.lease", () -> "3s");
        registry.add("reelsmith.worker.retry-base", () -> "100ms");
        registry.add("reelsmith.worker.sweep-interval", () -> "200ms");
        registry.add("reelsmith.worker.saga-grace", () -> "1s");
        registry.add("reelsmith.production.max-parallel-scenes", () -> Integer.toString(CAP));
    }

    @Autowired
    TransactionTemplate transaction;
    @Autowired
    Briefs briefs;
    @Autowired
    Storyboards storyboards;
    @Autowired
    ProductionOrders orders;
    @Autowired
    JobTransitions jobs;
    @Autowired
    ResultRecorder results;
    @Autowired
    JobFailures failures;
    @Autowired
    WorkerIdentity worker;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    final LocalImageGenerator images = new LocalImageGenerator(new LocalSettings(160, 160, 8, Duration.ZERO));
    final LocalVideoGenerator videos = new LocalVideoGenerator(new LocalSettings(160, 160, 8, Duration.ZERO));
    Fixtures.Tenant tenant;
    VideoWorker videoWorker;

    @BeforeEach
    void freshTenant() {
        tenant = fixtures.tenant();
    }

    @AfterEach
    void stopVideoWorker() throws InterruptedException {
        if (videoWorker != null) {
            videoWorker.stop();
        }
    }

    /** An approved storyboard of scenes of these durations, its estimate reserved on the campaign as approval does. */
    UUID approvedStoryboard(BigDecimal reservedUsd, int... durations) {
        UUID briefId = UUID.randomUUID();
        var brief = new Brief(briefId, tenant.clientId(), tenant.campaignId(), "sneakers for runners", "Sneaker", null,
                null, "Shop now", "custom", java.util.Arrays.stream(durations).sum(), "16:9", "energetic", List.of());
        UUID planJob = fixtures.queuedJob(tenant, "storyboard", json.writeValueAsString(StoryboardJobInput.plan(briefId)));
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < durations.length; i++) {
            scenes.add(new Scene("s" + (i + 1), "showcase", "scene " + (i + 1), "a sneaker, shot " + (i + 1),
                    "slow push in", durations[i], "Scene " + (i + 1), null));
        }
        var content = new StoryboardContent(new CreativeDirection("Sneaker", "runners", "run more", "clean",
                List.of("#FF5500"), "smooth", "upbeat electronic, 120 bpm", "Shop now", "custom", "16:9",
                brief.durationS(), "energetic"), scenes);
        return transaction.execute(s -> {
            briefs.insert(brief, List.of(), planJob, null);
            UUID id = storyboards.create(brief, content, Storyboards.Estimate.NONE, Storyboards.Actor.PLANNER, "test");
            jdbc.sql("update storyboards set status = 'approved', approved_version = 1, reserved_usd = :r where id = :id")
                    .param("r", reservedUsd).param("id", id).update();
            return id;
        });
    }

    /** What the gateway does for POST /storyboards/{id}/produce. */
    ProductionOrders.Production produce(UUID storyboardId) {
        var content = storyboards.version(storyboardId, 1).orElseThrow().content();
        return transaction.execute(s -> orders.produce(storyboardId, 1, content, null, null));
    }

    BigDecimal committed() {
        return (BigDecimal) fixtures.value("select committed_usd from campaigns where id = '" + tenant.campaignId() + "'");
    }

    BigDecimal sumOfCosts() {
        return (BigDecimal) fixtures.value("select coalesce(sum(job_spend(status, cost_usd, estimated_cost_usd)), 0) "
                + "from jobs where campaign_id = '" + tenant.campaignId() + "' and kind <> 'storyboard'");
    }

    long count(String sql) {
        return ((Number) fixtures.value(sql)).longValue();
    }

    /**
     * Plays the video workers for one production's scene jobs: claims each queued one, draws its clip
     * (from the keyframe it names, or a drawn keyframe) and records it, so video.succeeded travels the
     * real broker; or fails it for good when {@code failing} says so. Notes the most scene jobs ever
     * unfinished at once.
     */
    final class VideoWorker implements Runnable {
        final UUID productionId;
        final Predicate<VideoJobInput> failing;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicBoolean paused = new AtomicBoolean(false);
        final AtomicInteger mostUnfinished = new AtomicInteger();
        final Set<UUID> made = ConcurrentHashMap.newKeySet();
        final Thread thread;

        VideoWorker(UUID productionId, Predicate<VideoJobInput> failing) {
            this.productionId = productionId;
            this.failing = failing;
            this.thread = new Thread(this, "test-video-worker");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            while (running.get()) {
                try {
                    if (!paused.get()) {
                        once();
                    }
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // a transient error of the test's worker: the next pass looks again
                }
            }
        }

        private void once() {
            int unfinished = (int) count("select count(*) from jobs where parent_job_id = '" + productionId
                    + "' and status not in ('succeeded', 'failed', 'canceled')");
            mostUnfinished.accumulateAndGet(unfinished, Math::max);
            List<UUID> queued = jdbc.sql("select id from jobs where parent_job_id = :p and kind = 'video' and status = 'queued'")
                    .param("p", productionId).query(UUID.class).list();
            for (UUID id : queued) {
                Job job = jobs.claim(id, JobKind.VIDEO, worker.id(), Duration.ofSeconds(30)).orElse(null);
                if (job == null) {
                    continue;
                }
                var input = json.readValue(job.input(), VideoJobInput.class);
                if (failing.test(input)) {
                    failures.failed(job, "content_refused", "the provider refused the prompt", false);
                    continue;
                }
                var keyframe = images.generateImage(new ImageRequest(id, input.startImagePrompt() != null
                        ? input.startImagePrompt() : input.prompt(), List.of(), input.aspectRatio(), "png", 1L));
                var clip = videos.generateVideo(new VideoRequest(id, input.prompt(), new ReferenceImage(keyframe.bytes(),
                        keyframe.contentType()), input.durationS(), input.mode(), null, input.aspectRatio()));
                if (results.recordVideo(job, input.prompt(), null, clip, null, job.estimatedCostUsd())) {
                    made.add(id);
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join(5000);
        }
    }
}
