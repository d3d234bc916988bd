package com.reelsmith.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Production as separate processes: the gateway, an image worker, two video workers and the
 * studio worker. A brief becomes an approved storyboard, then an ad, while one video worker is
 * killed with kill -9 mid-production: every scene's clip is still made exactly once. A canceled
 * production leaves no child unfinished.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionEndToEndTest {

    static final String ADMIN_KEY = "sk_systemtestadmin_" + "P".repeat(40);

    RunningSystem system;
    ServiceProcess studio;
    ServiceProcess secondVideoWorker;
    Api api;
    String key;
    String campaignId;

    @BeforeAll
    void startTheSystem() throws Exception {
        // small local clips: the test is about the saga across processes, not the encoder
        system = RunningSystem.start(ADMIN_KEY, Map.of("WORKER_LEASE", "4s", "PRODUCTION_MAX_PARALLEL_SCENES", "3",
                        "REELSMITH_PROVIDER_LOCALVIDEOLONGSIDE", "320", "REELSMITH_PROVIDER_LOCALFPS", "12"),
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
    void anApprovedStoryboardBecomesAnAdWithAVideoWorkerKilledMidProduction() throws Exception {
        String storyboard = approvedStoryboard(12);
        long started = System.nanoTime();
        var produced = api.post("/api/v2/storyboards/" + storyboard + "/produce", key, "{}");
        assertThat(produced.status()).as(produced.json().toString()).isEqualTo(202);
        String job = produced.json().get("job_id").asString();

        awaitQuery("select count(*) from jobs where parent_job_id = '" + job + "' and status = 'running'", 1,
                Duration.ofSeconds(120));
        secondVideoWorker.killHard();

        JsonNode finished = api.awaitFinished(job, key, Duration.ofMinutes(10));
        System.out.printf("PRODUCTION of %d scenes with a worker killed: %d s%n", finished.get("scenes_total").asInt(),
                (System.nanoTime() - started) / 1_000_000_000);
        assertThat(finished.get("status").asString()).as(finished + system.tails()).isEqualTo("succeeded");
        int scenes = finished.get("scenes_total").asInt();
        assertThat(finished.get("scenes_completed").asInt()).isEqualTo(scenes);
        assertThat(query("select count(*) from jobs where parent_job_id = '" + job + "' and kind = 'video'"))
                .as("one scene job per scene, none doubled by the crash").isEqualTo(scenes);
        assertThat(query("select count(*) from generated_videos v join jobs j on j.id = v.job_id where j.parent_job_id = '"
                + job + "'")).as("each scene clip made exactly once").isEqualTo(scenes);

        var ad = api.get("/api/v2/ads/" + finished.get("links").get("ad").asString().replace("/api/v2/ads/", ""), key);
        assertThat(ad.status()).isEqualTo(200);
        var bytes = api.get(ad.json().get("data_url").asString(), null);
        assertThat(bytes.status()).isEqualTo(200);
        assertThat(new String(bytes.bytes(), 4, 4)).isEqualTo("ftyp");
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
