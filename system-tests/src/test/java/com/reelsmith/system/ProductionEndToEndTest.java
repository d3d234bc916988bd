package com.reelsmith.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.RequiresBundledFfmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Production as separate processes: the gateway, three generation workers (an image worker, two
 * video workers) and the studio worker. A 25 s brief becomes an approved 6-scene storyboard, then
 * an ad, while one video worker is killed with kill -9 mid-production: every scene's clip is still
 * made exactly once and the ad is as long as the storyboard. A scene the provider refuses fails its
 * production naming it, and is retried alone. A canceled production leaves no child unfinished.
 *
 * <p>The refusal is the local provider's test fault hook (LOCAL_PROVIDER_FAULTS_FILE, LocalFaults):
 * while the file exists, a clip whose prompt holds one of its lines fails for good.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresBundledFfmpeg("the studio worker assembles the ad")
class ProductionEndToEndTest {

    static final String ADMIN_KEY = "sk_systemtestadmin_" + "P".repeat(40);

    RunningSystem system;
    ServiceProcess studio;
    ServiceProcess secondVideoWorker;
    Api api;
    String key;
    String campaignId;
    Path faults;

    @BeforeAll
    void startTheSystem() throws Exception {
        faults = Files.createTempDirectory("reelsmith-faults-").resolve("refused-prompts.txt");
        // small local clips: the test is about the saga across processes, not the encoder
        system = RunningSystem.start(ADMIN_KEY, Map.of("WORKER_LEASE", "4s", "PRODUCTION_MAX_PARALLEL_SCENES", "3",
                        "REELSMITH_PROVIDER_LOCALVIDEOLONGSIDE", "320", "REELSMITH_PROVIDER_LOCALFPS", "12",
                        "LOCAL_PROVIDER_FAULTS_FILE", faults.toString()),
                Map.of(), Map.of("LOCAL_PROVIDER_LATENCY", "2s"), false);
        studio = ServiceProcess.start("studio-worker", system.envWith(Map.of()), "WORKER_PORT", system.workDir)
                .awaitHealthy(RunningSystem.START_TIMEOUT);
        secondVideoWorker = system.startVideoWorker(Map.of("LOCAL_PROVIDER_LATENCY", "2s"));
        api = system.api;
        var tenant = system.signUp("Stride Labs");
        key = tenant.key();
        campaignId = tenant.campaignId();
    }

    @AfterAll
    void stopTheSystem() throws Exception {
        for (var p : new ServiceProcess[] {secondVideoWorker, studio}) {
            if (p != null) {
                p.close();
            }
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aSixSceneStoryboardBecomesAnAdWithAVideoWorkerKilledMidProduction() throws Exception {
        String storyboard = approvedStoryboard(25); // the local planner makes 6 scenes of a 25 s brief
        JsonNode scenesPlanned = api.get("/api/v2/storyboards/" + storyboard, key).json().get("scenes");
        assertThat(scenesPlanned.size()).isEqualTo(6);
        double storyboardS = 0;
        for (JsonNode scene : scenesPlanned) {
            storyboardS += scene.get("duration_s").asDouble();
        }
        long started = System.nanoTime();
        var produced = api.post("/api/v2/storyboards/" + storyboard + "/produce", key, "{}");
        assertThat(produced.status()).as(produced.json().toString()).isEqualTo(202);
        String job = produced.json().get("job_id").asString();

        awaitQuery("select count(*) from jobs where parent_job_id = '" + job + "' and status = 'running'", 1,
                Duration.ofSeconds(120));
        secondVideoWorker.killHard();

        JsonNode finished = api.awaitFinished(job, key, Duration.ofMinutes(15));
        System.out.printf("PRODUCTION of %d scenes with a worker killed: %d s%n", finished.get("scenes_total").asInt(),
                (System.nanoTime() - started) / 1_000_000_000);
        assertThat(finished.get("status").asString()).as(finished + system.tails()).isEqualTo("succeeded");
        int scenes = finished.get("scenes_total").asInt();
        assertThat(scenes).isEqualTo(6);
        assertThat(finished.get("scenes_completed").asInt()).isEqualTo(scenes);
        assertThat(query("select count(*) from jobs where parent_job_id = '" + job + "' and kind = 'video'"))
                .as("one scene job per scene, none doubled by the crash").isEqualTo(scenes);
        assertThat(query("select count(*) from jobs where parent_job_id = '" + job
                + "' and kind = 'video' and status = 'succeeded'")).isEqualTo(scenes);
        assertThat(query("select count(*) from generated_videos v join jobs j on j.id = v.job_id where j.parent_job_id = '"
                + job + "'")).as("each scene clip made exactly once").isEqualTo(scenes);

        var ad = api.get("/api/v2/ads/" + finished.get("links").get("ad").asString().replace("/api/v2/ads/", ""), key);
        assertThat(ad.status()).isEqualTo(200);
        var bytes = api.get(ad.json().get("data_url").asString(), null);
        assertThat(bytes.status()).isEqualTo(200);
        assertThat(new String(bytes.bytes(), 4, 4)).isEqualTo("ftyp");
        assertThat(ad.json().get("duration_ms").asDouble() / 1000).as("the ad row's duration")
                .isCloseTo(storyboardS, org.assertj.core.data.Offset.offset(0.1));
        Double probed = ffprobeDuration(bytes.bytes());
        if (probed != null) { // ffprobe, an independent decoder, when the machine has it
            assertThat(probed).as("ffprobe's duration").isCloseTo(storyboardS, org.assertj.core.data.Offset.offset(0.1));
        }
    }

    @Test
    void aSceneTheProviderRefusesFailsItsProductionAndIsRetriedAlone() throws Exception {
        String storyboard = approvedStoryboard(12);
        JsonNode scenes = api.get("/api/v2/storyboards/" + storyboard, key).json().get("scenes");
        List<String> prompts = new ArrayList<>();
        for (JsonNode scene : scenes) {
            String motion = scene.path("motion_prompt").asString("");
            prompts.add(motion.isBlank() ? scene.get("description").asString() : motion);
        }
        // a scene whose clip prompt no other scene's holds: refusing it refuses that scene only
        int refused = -1;
        for (int i = 0; i < prompts.size() && refused < 0; i++) {
            int candidate = i;
            if (java.util.stream.IntStream.range(0, prompts.size())
                    .noneMatch(j -> j != candidate && prompts.get(j).contains(prompts.get(candidate)))) {
                refused = i;
            }
        }
        assertThat(refused).as("a scene with a prompt of its own: " + prompts).isNotNegative();
        String sceneId = scenes.get(refused).get("id").asString();
        // held first, so the other scenes finish and keep their clips (a failure cancels unfinished ones)
        Files.writeString(faults, "hold " + prompts.get(refused) + "\n");
        JsonNode failed;
        String job;
        try {
            job = api.post("/api/v2/storyboards/" + storyboard + "/produce", key, "{}").json().get("job_id").asString();
            awaitQuery("select count(*) from jobs where parent_job_id = '" + job
                    + "' and kind = 'video' and status = 'succeeded'", scenes.size() - 1, Duration.ofMinutes(6));
            Files.writeString(faults, prompts.get(refused) + "\n"); // now refused
            failed = api.awaitFinished(job, key, Duration.ofMinutes(6));
        } finally {
            Files.deleteIfExists(faults); // the cause removed, as an operator would after a refusal
        }
        assertThat(failed.get("status").asString()).as(failed + system.tails()).isEqualTo("failed");
        assertThat(failed.toString()).as("the failure names the scene").contains("scene " + sceneId);

        var retry = api.post("/api/v2/jobs/" + job + "/retry-scene", key, "{\"scene_id\": \"" + sceneId + "\"}");
        assertThat(retry.status()).as(retry.json().toString()).isEqualTo(202);
        String again = retry.json().get("job_id").asString();
        JsonNode retried = api.awaitFinished(again, key, Duration.ofMinutes(6));

        assertThat(retried.get("status").asString()).as(retried + system.tails()).isEqualTo("succeeded");
        assertThat(query("select count(*) from productions where job_id = '" + again + "' and retry_of = '" + job + "'"))
                .as("the new production is a retry of the failed one").isEqualTo(1);
        assertThat(query("select count(*) from jobs where parent_job_id = '" + again + "' and kind = 'video'"))
                .as("only the refused scene is made again").isEqualTo(1);
        assertThat(retried.get("scenes_completed").asInt()).isEqualTo(scenes.size());
    }

    /** The duration ffprobe reads from the MP4, or null when ffprobe is not installed. */
    private Double ffprobeDuration(byte[] mp4) throws Exception {
        Path file = Files.createTempFile("reelsmith-ad-", ".mp4");
        try {
            Files.write(file, mp4);
            Process probe;
            try {
                probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                        "default=nw=1:nk=1", file.toString()).redirectErrorStream(true).start();
            } catch (java.io.IOException notInstalled) {
                return null;
            }
            String out = new String(probe.getInputStream().readAllBytes()).trim();
            assertThat(probe.waitFor()).as("ffprobe: " + out).isZero();
            return Double.parseDouble(out);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aCanceledProductionLeavesNoChildUnfinished() throws Exception {
        String storyboard = approvedStoryboard(12);
        String job = api.post("/api/v2/storyboards/" + storyboard + "/produce", key, "{}").json().get("job_id").asString();
        awaitQuery("select count(*) from jobs where parent_job_id = '" + job + "'", 1, Duration.ofSeconds(120));

        var canceled = api.post("/api/v2/jobs/" + job + "/cancel", key, "{}");

        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.json().get("status").asString()).isEqualTo("canceled");
        Thread.sleep(3000); // events of children that were finishing arrive: nothing new may start
        assertThat(query("""
                with recursive tree as (select id from jobs where parent_job_id = '%s'
                                        union all select j.id from jobs j join tree t on j.parent_job_id = t.id)
                select count(*) from jobs where id in (select id from tree)
                  and status not in ('succeeded', 'failed', 'canceled')""".formatted(job)))
                .as("no descendant of the production left running").isZero();
    }

    /** A brief planned by the studio worker, submitted and approved: the storyboard's id. */
    private String approvedStoryboard(int seconds) throws Exception {
        var brief = api.post("/api/v2/campaigns/" + campaignId + "/briefs", key, """
                {"text": "Stride Labs launches the Aero 2 running sneaker. A runner's first step off the curb turns into flight.",
                 "product": "Aero 2 sneaker", "platform": "custom", "duration_s": %d, "aspect_ratio": "16:9",
                 "call_to_action": "Shop the drop"}""".formatted(seconds));
        assertThat(brief.status()).as(brief.json().toString()).isEqualTo(202);
        JsonNode plan = api.awaitFinished(brief.json().get("job_id").asString(), key, Duration.ofMinutes(2));
        assertThat(plan.get("status").asString()).isEqualTo("succeeded");
        String storyboard = plan.get("links").get("storyboard").asString().replace("/api/v2/storyboards/", "");
        assertThat(api.post("/api/v2/storyboards/" + storyboard + "/submit", key, "{}").status()).isEqualTo(200);
        var approved = api.post("/api/v2/storyboards/" + storyboard + "/approve", key, "{\"version\": 1}");
        assertThat(approved.status()).as(approved.json().toString()).isEqualTo(200);
        return storyboard;
    }

    private long query(String sql) throws Exception {
        try (var c = DriverManager.getConnection(system.db.url(), system.db.user(), system.db.password());
             var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void awaitQuery(String sql, long atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (query(sql) >= atLeast) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never true within " + timeout + ": " + sql + system.tails());
    }

    static final Set<String> FINAL = Set.of("succeeded", "failed", "canceled");
}
