package com.reelsmith.studioworker.productions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import com.reelsmith.platform.media.MediaStore;
import com.reelsmith.studioworker.assembly.AdAssembler;
import com.reelsmith.testing.Eventually;
import com.reelsmith.testing.FakeReplicate;
import com.reelsmith.testing.RequiresBundledFfmpeg;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * MUSIC=replicate: the production parks on its musicgen prediction (no thread waits on it) and is
 * handed back to assemble. No PUBLIC_BASE_URL here, so no webhook: the sweeper's look is what
 * finds the prediction done, as it does when a webhook is lost. A retried assembly, in the same job
 * or in a production retrying it, uses the bed already bought instead of paying for another.
 */
@RequiresBundledFfmpeg("assembles the ad")
class ProductionMusicOnReplicateTest extends ProductionTestBase {

    static final FakeReplicate replicate = FakeReplicate.forTests(Duration.ofSeconds(1));

    @DynamicPropertySource
    static void music(DynamicPropertyRegistry registry) {
        registry.add("reelsmith.production.music", () -> "replicate");
        registry.add("reelsmith.replicate.base-url", () -> replicate.url().toString());
        registry.add("reelsmith.replicate.api-token", () -> FakeReplicate.TEST_TOKEN);
        registry.add("reelsmith.replicate.poll-interval", () -> "200ms");
    }

    @AfterAll
    static void stopFake() {
        replicate.close();
    }

    @MockitoSpyBean
    AdAssembler assembler;
    @Autowired
    MediaStore store;

    @Test
    void theProductionWaitsOnItsMusicPredictionAndARetriedAssemblyReusesTheMusic() throws Exception {
        // the first assembly breaks after the music is in (a full disk, say): the job's next attempt assembles again
        doThrow(new IllegalStateException("no space left on device")).doCallRealMethod().when(assembler)
                .assemble(any(), any());
        UUID storyboard = approvedStoryboard(BigDecimal.ZERO.setScale(4), 3, 3);
        var production = produce(storyboard);
        UUID job = production.jobId();
        videoWorker = new VideoWorker(job, input -> false);

        Eventually.await("the production parked on its music prediction", Duration.ofMinutes(2),
                () -> count("select count(*) from jobs where id = '" + job + "' and status = 'waiting'"
                        + " and saga_state = 'assembling' and prediction_id is not null and current_stage = 'music'") == 1);
        fixtures.awaitStatus(job, "succeeded", 300_000);

        assertThat(musicPredictions()).as("one music bed bought").isEqualTo(1);
        assertThat(fixtures.value("select attempts from jobs where id = '" + job + "'"))
                .as("the assembly was tried twice").isEqualTo(2);
        assertThat(fixtures.value("select prediction_id from jobs where id = '" + job + "'"))
                .as("the prediction let go once its music was kept").isNull();
        assertThat(fixtures.value("select music_storage_key from productions where job_id = '" + job + "'")).isNotNull();
        assertThat(fixtures.value("select music from ads where production_job_id = '" + job + "'"))
                .isEqualTo("replicate:meta/musicgen");
        assertThat(fixtures.value("select cost_usd from jobs where id = '" + job + "'"))
                .as("the production is charged for its music once: 1.5 s of predict time at 0.0014 USD")
                .isEqualTo(new BigDecimal("0.0021"));
        assertThat(committed()).as("committed spend is the sum of the tree's costs").isEqualByComparingTo(sumOfCosts());

        var retry = transaction.execute(s -> orders.retry(job, null, BigDecimal.ZERO.setScale(4), null, null));
        fixtures.awaitStatus(retry.jobId(), "succeeded", 300_000);

        assertThat(musicPredictions()).as("a production retrying it reuses the bed too").isEqualTo(1);
        assertThat(fixtures.value("select music from ads where production_job_id = '" + retry.jobId() + "'"))
                .isEqualTo("replicate:meta/musicgen");
        assertThat(fixtures.value("select cost_usd from jobs where id = '" + retry.jobId() + "'"))
                .as("a reused bed costs nothing again").isEqualTo(new BigDecimal("0.0000"));
    }

    @Test
    void aKeptBedThatCannotBeReadIsBoughtAgainOnceAndCharged() throws Exception {
        long before = musicPredictions();
        UUID storyboard = approvedStoryboard(BigDecimal.ZERO.setScale(4), 3, 3);
        UUID job = produce(storyboard).jobId();
        videoWorker = new VideoWorker(job, input -> false);
        fixtures.awaitStatus(job, "succeeded", 300_000);
        // the kept bed is lost (a wiped volume, say) before a production retrying this one needs it
        String kept = (String) fixtures.value("select music_storage_key from productions where job_id = '" + job + "'");
        assertThat(store.delete(kept)).isTrue();

        var retry = transaction.execute(s -> orders.retry(job, null, BigDecimal.ZERO.setScale(4), null, null));
        fixtures.awaitStatus(retry.jobId(), "succeeded", 180_000);

        assertThat(musicPredictions() - before).as("one bed for each production, not one per hand-back").isEqualTo(2);
        assertThat(fixtures.value("select cost_usd from jobs where id = '" + retry.jobId() + "'"))
                .as("the second bed is charged to the production that bought it").isEqualTo(new BigDecimal("0.0021"));
        // the store is content-addressed and the fake's model makes the same bytes: the same key, stored again
        assertThat(fixtures.value("select music_storage_key from productions where job_id = '" + retry.jobId() + "'"))
                .isEqualTo(kept);
        assertThat(store.get(kept).exists()).as("the bed bought again is kept").isTrue();
    }

    private long musicPredictions() {
        return replicate.created().stream().filter(c -> c.model().equals("meta/musicgen")).count();
    }
}
