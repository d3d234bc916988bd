package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.platform.productions.ProductionOrders;
import com.reelsmith.testing.Eventually;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * POST /storyboards/{id}/produce: only an approved storyboard (409 otherwise, 404 for another
 * client's), once per approved version (a second call answers with the same production job), the
 * approval's reservation moved onto the job; and the ad and export endpoints' refusals.
 */
class ProductionEndpointsTest extends StoryboardTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    com.reelsmith.platform.media.MediaStore media;
    @org.springframework.beans.factory.annotation.Autowired
    ProductionOrders orders;
    @org.springframework.beans.factory.annotation.Autowired
    TransactionTemplate transaction;

    @DynamicPropertySource
    static void pricedLikeReplicate(DynamicPropertyRegistry registry) {
        registry.add("reelsmith.provider.name", () -> "replicate");
    }

    @Test
    void anUnapprovedStoryboardIsNotProduced() {
        var tenant = newTenant("Eager");
        UUID id = plannedStoryboard(tenant);

        var refused = as(tenant).post("/api/v2/storyboards/" + id + "/produce", Map.of());

        assertThat(refused.status()).as("%s", refused).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("not_approved");
        assertThat(GatewayEnvironment.queryString(DB, "select count(*) from productions where storyboard_id = ?", id))
                .isEqualTo("0");
    }

    @Test
    void anApprovedStoryboardIsProducedOnceItsReservationMovedOntoTheJob() {
        var tenant = newTenant("Producer");
        UUID id = plannedStoryboard(tenant);
        UUID campaign = UUID.fromString(storyboard(tenant, id).json().path("campaign_id").asString());
        as(tenant).post("/api/v2/storyboards/" + id + "/submit", Map.of());
        assertThat(as(tenant).post("/api/v2/storyboards/" + id + "/approve", Map.of("version", 1)).status()).isEqualTo(200);
        var committedBefore = committed(campaign);

        var first = as(tenant).post("/api/v2/storyboards/" + id + "/produce", Map.of());
        var second = as(tenant).post("/api/v2/storyboards/" + id + "/produce", Map.of());

        assertThat(first.status()).as("%s", first).isEqualTo(202);
        assertThat(first.json().path("kind").asString()).isEqualTo("ad");
        assertThat(second.status()).as("%s", second).isEqualTo(200);
        assertThat(second.json().path("job_id").asString()).isEqualTo(first.json().path("job_id").asString());
        UUID job = UUID.fromString(first.json().path("job_id").asString());
        assertThat(new BigDecimal(GatewayEnvironment.queryString(DB, "select estimated_cost_usd from jobs where id = ?", job)))
                .as("the approval's estimate").isEqualByComparingTo("1.156");
        assertThat(new BigDecimal(GatewayEnvironment.queryString(DB, "select reserved_usd from storyboards where id = ?", id)))
                .isEqualByComparingTo("0");
        assertThat(committed(campaign)).as("moved, not doubled or dropped").isEqualByComparingTo(committedBefore);

        var view = as(tenant).get("/api/v2/jobs/" + job);
        assertThat(view.json().path("scenes_total").asInt()).isEqualTo(4);
        assertThat(view.json().path("scenes_completed").asInt()).isZero();

        var stranger = newTenant("Stranger");
        assertThat(as(stranger).post("/api/v2/storyboards/" + id + "/produce", Map.of()).status()).isEqualTo(404);
        var notFailed = as(tenant).post("/api/v2/jobs/" + job + "/retry-scene", Map.of("scene_id", "s1"));
        assertThat(notFailed.status()).as("%s", notFailed).isEqualTo(409);
        var noScene = as(tenant).post("/api/v2/jobs/" + job + "/retry-scene", Map.of());
        assertThat(noScene.status()).isEqualTo(400);

        // a copy of a production's input is no production (it has no scenes): the generic retry refuses it
        assertThat(as(tenant).post("/api/v2/jobs/" + job + "/cancel", Map.of()).status()).isEqualTo(200);
        var copied = as(tenant).post("/api/v2/jobs/" + job + "/retry", Map.of());
        assertThat(copied.status()).as("%s", copied).isEqualTo(409);
        assertThat(copied.errorCode()).isEqualTo("use_retry_scene");
        assertThat(GatewayEnvironment.queryString(DB, "select count(*) from jobs where retry_of = ?", job)).isEqualTo("0");
    }

    @Test
    void anAdShowsASignedLinkAndItsExportsAreCheckedAndNotDoubled() {
        var tenant = newTenant("Exporter");
        UUID id = plannedStoryboard(tenant);
        as(tenant).post("/api/v2/storyboards/" + id + "/submit", Map.of());
        as(tenant).post("/api/v2/storyboards/" + id + "/approve", Map.of("version", 1));
        UUID job = UUID.fromString(as(tenant).post("/api/v2/storyboards/" + id + "/produce", Map.of()).json()
                .path("job_id").asString());
        // the ad as the studio worker records it
        var stored = media.put(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, "video/mp4");
        UUID ad = UUID.randomUUID();
        GatewayEnvironment.update(DB, """
                insert into ads (id, client_id, campaign_id, production_job_id, storyboard_id, version, aspect_ratio,
                                 content_type, bytes, width, height, duration_ms, sha256, storage_key)
                select ?, client_id, campaign_id, ?, ?, 1, '9:16', 'video/mp4', ?, 1080, 1920, 15000, ?, ?
                from jobs where id = ?""", ad, job, id, stored.bytes(), stored.sha256(), stored.key(), job);

        var view = as(tenant).get("/api/v2/ads/" + ad);
        assertThat(view.status()).as("%s", view).isEqualTo(200);
        assertThat(view.json().path("production_job_id").asString()).isEqualTo(job.toString());
        var bytes = anonymous.get(view.json().path("data_url").asString());
        assertThat(bytes.status()).as("the signed link opens without a key").isEqualTo(200);

        var exports = "/api/v2/ads/" + ad + "/exports";
        assertThat(as(tenant).post(exports, Map.of("format", "avi", "resolution", 720)).errorField()).isEqualTo("format");
        assertThat(as(tenant).post(exports, Map.of("format", "webm", "resolution", 600)).errorField())
                .isEqualTo("resolution");
        assertThat(as(tenant).post(exports, Map.of("format", "webm", "resolution", 720, "aspect_ratio", "2:1"))
                .errorField()).isEqualTo("aspect_ratio");
        var first = as(tenant).post(exports, Map.of("format", "webm", "resolution", 720));
        var again = as(tenant).post(exports, Map.of("format", "webm", "resolution", 720));
        assertThat(first.status()).as("%s", first).isEqualTo(202);
        assertThat(first.json().path("aspect_ratio").asString()).as("the ad's own ratio by default").isEqualTo("9:16");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(as(tenant).get("/api/v2/ads/" + ad).json().path("exports")).hasSize(1);
        assertThat(as(newTenant("Other")).get("/api/v2/ads/" + ad).status()).isEqualTo(404);
    }

    /**
     * Two retries of one failed production at once: the one that loses the race on the one-retry-per-job
     * index answers like a repeat (200, the winner's job), not 500, and gives back the budget it reserved.
     */
    @Test
    void aRetrySceneThatLosesTheRaceAnswersWithTheRetryThatWon() throws Exception {
        var tenant = newTenant("Racer");
        UUID id = plannedStoryboard(tenant);
        UUID campaign = UUID.fromString(storyboard(tenant, id).json().path("campaign_id").asString());
        as(tenant).post("/api/v2/storyboards/" + id + "/submit", Map.of());
        assertThat(as(tenant).post("/api/v2/storyboards/" + id + "/approve", Map.of("version", 1)).status()).isEqualTo(200);
        var production = as(tenant).post("/api/v2/storyboards/" + id + "/produce", Map.of());
        assertThat(production.status()).as("%s", production).isEqualTo(202);
        UUID job = UUID.fromString(production.json().path("job_id").asString());
        GatewayEnvironment.update(DB, "update jobs set status = 'failed', error_code = 'provider_error', finished_at = now() "
                + "where id = ?", job);
        GatewayEnvironment.update(DB, "update campaigns set budget_usd = 1000 where id = ?", campaign);
        var committedBefore = committed(campaign);

        var winnerInserted = new CountDownLatch(1);
        var commitWinner = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // the winner: a retry made in a transaction held open until the request under test waits on it
            Future<UUID> winner = pool.submit(() -> transaction.execute(status -> {
                UUID made = orders.retry(job, "s1", BigDecimal.ZERO, null, null).jobId();
                winnerInserted.countDown();
                try {
                    commitWinner.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return made;
            }));
            assertThat(winnerInserted.await(30, TimeUnit.SECONDS)).isTrue();
            Future<GatewayClient.Reply> loser = pool.submit(
                    () -> as(tenant).post("/api/v2/jobs/" + job + "/retry-scene", Map.of("scene_id", "s1")));
            Eventually.await("the second retry waits on the first's row in the one-retry index", Duration.ofSeconds(30),
                    () -> GatewayEnvironment.queryLong(DB, "select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                            + "and query like '%insert into jobs%'") > 0 || loser.isDone());
            commitWinner.countDown();
            UUID won = winner.get(30, TimeUnit.SECONDS);
            var reply = loser.get(30, TimeUnit.SECONDS);

            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
            assertThat(reply.json().path("job_id").asString()).isEqualTo(won.toString());
            assertThat(reply.json().path("retry_of").asString()).isEqualTo(job.toString());
            assertThat(GatewayEnvironment.queryString(DB, "select count(*) from jobs where retry_of = ?", job)).isEqualTo("1");
            assertThat(committed(campaign)).as("the loser's reservation given back").isEqualByComparingTo(committedBefore);
        } finally {
            commitWinner.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void anUnknownAdIsNotFound() {
        var tenant = newTenant("Curious");
        UUID unknown = UUID.randomUUID();
        assertThat(as(tenant).get("/api/v2/ads/" + unknown).status()).isEqualTo(404);
        assertThat(as(tenant).post("/api/v2/ads/" + unknown + "/exports", Map.of("format", "webm", "resolution", 720))
                .status()).isEqualTo(404);
    }

    private static BigDecimal committed(UUID campaign) {
        return new BigDecimal(GatewayEnvironment.queryString(DB, "select committed_usd from campaigns where id = ?", campaign));
    }
}
