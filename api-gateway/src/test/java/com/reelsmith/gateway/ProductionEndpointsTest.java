package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * POST /storyboards/{id}/produce: only an approved storyboard (409 otherwise, 404 for another
 * client's), once per approved version (a second call answers with the same production job), the
 * approval's reservation moved onto the job; and the ad and export endpoints' refusals.
 */
class ProductionEndpointsTest extends StoryboardTestBase {

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
