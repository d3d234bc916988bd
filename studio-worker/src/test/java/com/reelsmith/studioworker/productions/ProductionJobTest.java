package com.reelsmith.studioworker.productions;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.RequiresBundledFfmpeg;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An approved storyboard becomes an ad: one video job per scene, at most the cap at once, then assembly. */
class ProductionJobTest extends ProductionTestBase {

    @Test
    @RequiresBundledFfmpeg("assembles the ad")
    void aProductionMakesOneClipPerSceneWithinTheCapAndAssemblesTheAd() throws Exception {
        UUID storyboard = approvedStoryboard(new BigDecimal("1.2500"), 2, 6, 1, 2);
        assertThat(committed()).as("the approval's reservation").isEqualByComparingTo("1.25");

        var production = produce(storyboard);
        assertThat(production.created()).isTrue();
        assertThat(fixtures.value("select reserved_usd from storyboards where id = '" + storyboard + "'"))
                .as("the reservation moved onto the production job").isEqualTo(new BigDecimal("0.0000"));
        assertThat(committed()).as("committed spend neither doubled nor dropped by the move").isEqualByComparingTo("1.25");
        assertThat(produce(storyboard).jobId()).as("producing twice gives the same production").isEqualTo(production.jobId());

        videoWorker = new VideoWorker(production.jobId(), input -> false);
        fixtures.awaitStatus(production.jobId(), "succeeded", 300_000);

        UUID job = production.jobId();
        assertThat(count("select count(*) from jobs where parent_job_id = '" + job + "' and kind = 'video'"))
                .as("one scene job per scene").isEqualTo(4);
        assertThat(count("select count(*) from jobs where parent_job_id = '" + job + "' and status = 'succeeded'")).isEqualTo(4);
        assertThat(videoWorker.mostUnfinished.get()).as("scene jobs unfinished at once").isBetween(1, CAP);
        assertThat(count("select count(distinct child_job_id) from production_scenes where production_job_id = '" + job + "'"))
                .isEqualTo(4);
        assertThat(fixtures.value("select input->>'duration_s' from jobs where parent_job_id = '" + job
                + "' and id = (select child_job_id from production_scenes where production_job_id = '" + job
                + "' and position = 2)")).as("a 6 s scene gets a 10 s clip").isEqualTo("10");

        UUID adId = (UUID) fixtures.value("select result_id from jobs where id = '" + job + "'");
        assertThat(fixtures.value("select production_job_id from ads where id = '" + adId + "'")).isEqualTo(job);
        int durationMs = (Integer) fixtures.value("select duration_ms from ads where id = '" + adId + "'");
        assertThat(durationMs).as("the ad lasts as long as the storyboard").isBetween(10_900, 11_100);
        assertThat(fixtures.value("select content_type from ads where id = '" + adId + "'")).isEqualTo("video/mp4");
        assertThat((Long) fixtures.value("select bytes from ads where id = '" + adId + "'")).isPositive();
        assertThat(fixtures.value("select current_stage from jobs where id = '" + job + "'")).isEqualTo("done");

        assertThat(committed()).as("committed spend is the sum of the tree's costs, nothing left reserved")
                .isEqualByComparingTo(sumOfCosts());
        assertThat(fixtures.value("select cost_usd from jobs where id = '" + job + "'"))
                .as("the production's own cost is the assembly only").isEqualTo(new BigDecimal("0.0000"));
        assertThat(committed()).as("the estimate left on the production is released").isEqualByComparingTo("0");
    }

    @Test
    @RequiresBundledFfmpeg("assembles the ad")
    void aSceneThatFailsForGoodFailsTheProductionNamingItAndARetryMakesOnlyWhatIsMissing() throws Exception {
        UUID storyboard = approvedStoryboard(BigDecimal.ZERO.setScale(4), 2, 2, 2);
        var production = produce(storyboard);
        videoWorker = new VideoWorker(production.jobId(), input -> input.startImagePrompt().contains("shot 3"));
        fixtures.awaitStatus(production.jobId(), "failed", 60_000);

        String error = (String) fixtures.value("select error_message from jobs where id = '" + production.jobId() + "'");
        assertThat(error).contains("scene s3").contains("position 3");
        assertThat(count("select count(*) from jobs where parent_job_id = '" + production.jobId()
                + "' and status not in ('succeeded', 'failed', 'canceled')")).as("no scene job left running").isZero();
        long succeeded = count("select count(*) from jobs where parent_job_id = '" + production.jobId()
                + "' and status = 'succeeded'");
        assertThat(succeeded).as("what succeeded stays succeeded").isEqualTo(2);
        videoWorker.stop();

        var retry = transaction.execute(s -> orders.retry(production.jobId(), "s3", BigDecimal.ZERO.setScale(4), null, null));
        assertThat(fixtures.value("select retry_of from jobs where id = '" + retry.jobId() + "'")).isEqualTo(production.jobId());
        videoWorker = new VideoWorker(retry.jobId(), input -> false);
        fixtures.awaitStatus(retry.jobId(), "succeeded", 300_000);

        assertThat(count("select count(*) from jobs where parent_job_id = '" + retry.jobId() + "'"))
                .as("the retry made only the failed scene").isEqualTo(1);
        assertThat(fixtures.value("select s.scene_id from production_scenes s join jobs j on j.id = s.child_job_id "
                + "where s.production_job_id = '" + retry.jobId() + "'")).isEqualTo("s3");
        assertThat(fixtures.status(production.jobId())).as("the failed production stays failed").isEqualTo("failed");
    }

    @Test
    void aCanceledProductionLeavesNoSceneJobUnfinished() throws Exception {
        UUID storyboard = approvedStoryboard(BigDecimal.ZERO.setScale(4), 2, 2, 2, 2);
        var production = produce(storyboard);
        com.reelsmith.testing.Eventually.holdsWithin(java.time.Duration.ofSeconds(30), () -> count(
                "select count(*) from jobs where parent_job_id = '" + production.jobId() + "'") == CAP);

        var canceled = transaction.execute(s -> jobs.cancel(production.jobId()));
        assertThat(canceled).hasSize(1 + CAP);
        assertThat(fixtures.status(production.jobId())).isEqualTo("canceled");
        assertThat(count("select count(*) from jobs where parent_job_id = '" + production.jobId()
                + "' and status <> 'canceled'")).isZero();
        videoWorker = new VideoWorker(production.jobId(), input -> false);
        assertThat(com.reelsmith.testing.Eventually.holdsWithin(java.time.Duration.ofSeconds(1), () -> count(
                "select count(*) from jobs where parent_job_id = '" + production.jobId() + "'") != CAP))
                .as("a scene started after the cancel").isFalse();
    }

    @Test
    @RequiresBundledFfmpeg("assembles the ad")
    void anIdenticalExportIsTheSameExport() throws Exception {
        UUID storyboard = approvedStoryboard(BigDecimal.ZERO.setScale(4), 3, 3);
        var production = produce(storyboard);
        videoWorker = new VideoWorker(production.jobId(), input -> false);
        fixtures.awaitStatus(production.jobId(), "succeeded", 300_000);
        UUID adId = (UUID) fixtures.value("select result_id from jobs where id = '" + production.jobId() + "'");

        var first = transaction.execute(s -> orders.export(adId, "webm", 480, "9:16", null, null));
        var second = transaction.execute(s -> orders.export(adId, "webm", 480, "9:16", null, null));
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.exportId()).isEqualTo(first.exportId());
        fixtures.awaitStatus(first.jobId(), "succeeded", 300_000);
        assertThat(fixtures.value("select result_id from jobs where id = '" + first.jobId() + "'")).isEqualTo(first.exportId());
        assertThat(fixtures.value("select content_type from ad_exports where id = '" + first.exportId() + "'"))
                .isEqualTo("video/webm");
        assertThat(fixtures.value("select least(width, height) from ad_exports where id = '" + first.exportId() + "'")).isEqualTo(480);
    }
}
