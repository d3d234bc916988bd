package com.reelsmith.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scale-out, shown: two instances of each generation worker (separate jars, competing consumers
 * on the same queues) work through a batch of prompt-only videos, each an image-then-video saga.
 * Every job is done exactly once (one attempt, one result row) and both instances of each kind
 * did some of the work ({@code jobs.finished_by} names the instance that finished a job).
 * The local provider waits {@code LOCAL_PROVIDER_LATENCY} per call, as a hosted model would, so
 * the work spreads across instances instead of one instance finishing everything on two cores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutTest {

    static final String ADMIN_KEY = "sk_scaleouttestadmin_" + "O".repeat(40);
    static final int VIDEOS = 20;

    RunningSystem system;
    ServiceProcess secondImageWorker;
    ServiceProcess secondVideoWorker;

    @BeforeAll
    void startTwoOfEachWorker() throws Exception {
        system = RunningSystem.start(ADMIN_KEY, Map.of(
                "LOCAL_PROVIDER_LATENCY", "1s",
                "REELSMITH_RATELIMITS_VIDEOPERMINUTE", "1000000",
                // small local media: what is under test is who does the work, not the pixels
                "REELSMITH_PROVIDER_LOCALIMAGELONGSIDE", "256", "REELSMITH_PROVIDER_LOCALVIDEOLONGSIDE", "160",
                "REELSMITH_PROVIDER_LOCALFPS", "8"));
        secondImageWorker = system.startImageWorker(Map.of());
        secondVideoWorker = system.startVideoWorker(Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        for (ServiceProcess p : new ServiceProcess[] {secondVideoWorker, secondImageWorker}) {
            if (p != null) {
                p.close();
            }
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void twoInstancesOfEachWorkerShareABatchAndDoEveryJobOnce() throws Exception {
        var tenant = system.signUp("Scale Co");
        long started = System.nanoTime();
        List<UUID> videos = new ArrayList<>();
        for (int i = 0; i < VIDEOS; i++) {
            var accepted = system.api.post("/api/v2/generate/video", tenant.key(), "{\"campaign_id\": \"" + tenant.campaignId()
                    + "\", \"prompt\": \"Scene " + i + ": a lighthouse at dawn\", \"duration_s\": 5}");
            assertThat(accepted.status()).as(accepted.json() == null ? "" : accepted.json().toString()).isEqualTo(202);
            videos.add(UUID.fromString(accepted.json().get("job_id").asString()));
        }

        var ledger = new JobLedger(system.db);
        var tally = ledger.awaitFinished(videos, Duration.ofSeconds(240));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(tally.count("succeeded")).as(tally + system.tails()).isEqualTo(VIDEOS);
        assertThat(tally.duplicated()).as("jobs with more than one result").isZero();

        // exactly once: one attempt and one result per video job and per saga image
        assertThat(ledger.count("select count(*) from jobs where parent_job_id = any(?) and kind = 'image' and status = 'succeeded'", videos))
                .isEqualTo(VIDEOS);
        assertThat(ledger.count("select count(*) from generated_videos where job_id = any(?)", videos)).isEqualTo(VIDEOS);
        assertThat(ledger.count("select count(*) from generated_images where job_id in (select id from jobs where parent_job_id = any(?))", videos))
                .isEqualTo(VIDEOS);
        assertThat(ledger.count("select count(*) from jobs where (id = any(?) or parent_job_id = any(?)) and attempts <> 1", videos, videos))
                .as("jobs that took more than one attempt").isZero();

        Map<String, Long> imagesBy = finishedBy("select finished_by, count(*) from jobs where parent_job_id = ? group by finished_by", videos);
        Map<String, Long> videosBy = finishedBy("select finished_by, count(*) from jobs where id = ? group by finished_by", videos);
        System.out.printf("SCALE-OUT videos=%d seconds=%.1f images_by=%s videos_by=%s%n", VIDEOS, seconds, imagesBy, videosBy);

        assertThat(imagesBy.keySet()).as("image jobs finished per instance").containsExactlyInAnyOrder(
                instance("image-worker", system.imageWorker), instance("image-worker", secondImageWorker));
        assertThat(videosBy.keySet()).as("video jobs finished per instance").containsExactlyInAnyOrder(
                instance("video-worker", system.videoWorker), instance("video-worker", secondVideoWorker));
    }

    /** Jobs per finishing instance, the instance named {@code service:pid} (finished_by is service:pid@host:tail). */
    private Map<String, Long> finishedBy(String perJobSql, List<UUID> jobs) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (var c = DriverManager.getConnection(system.db.url(), system.db.user(), system.db.password())) {
            for (UUID job : jobs) {
                try (var s = c.prepareStatement(perJobSql)) {
                    s.setObject(1, job);
                    try (var rs = s.executeQuery()) {
                        while (rs.next()) {
                            String by = rs.getString(1);
                            String instance = by == null ? "nobody" : by.substring(0, by.indexOf('@'));
                            counts.merge(instance, rs.getLong(2), Long::sum);
                        }
                    }
                }
            }
        }
        return counts;
    }

    private static String instance(String service, ServiceProcess process) {
        return service + ":" + process.pid();
    }
}
