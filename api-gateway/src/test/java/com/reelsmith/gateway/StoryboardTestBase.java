package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.platform.storyboards.Briefs;
import com.reelsmith.platform.storyboards.CreativeDirection;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.StoryboardContent;
import com.reelsmith.platform.storyboards.Storyboards;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Storyboards to review. No studio worker runs beside the gateway under test, so a brief's plan
 * is written the way the worker writes it (the platform's Storyboards store, version 1, draft).
 */
abstract class StoryboardTestBase extends GatewayIntegrationTest {

    static final Map<String, Object> SNEAKER_BRIEF = Map.of(
            "text", "Stride Labs launches the Aero 2 running sneaker. Show a runner's first step off the curb turning into flight.",
            "product", "Aero 2 sneaker", "platform", "tiktok", "call_to_action", "Tap to shop the drop");

    @Autowired
    Storyboards storyboards;
    @Autowired
    Briefs briefs;
    @Autowired
    TransactionTemplate transaction;

    UUID briefOf(Tenant tenant, UUID campaign) {
        var reply = as(tenant).post("/api/v2/campaigns/" + campaign + "/briefs", SNEAKER_BRIEF);
        assertThat(reply.status()).as("%s", reply).isEqualTo(202);
        return reply.id();
    }

    /** A brief of the tenant's, planned: its storyboard in draft at version 1. */
    UUID plannedStoryboard(Tenant tenant) {
        UUID campaign = newCampaign(tenant, "launch");
        UUID briefId = briefOf(tenant, campaign);
        var brief = briefs.find(briefId).orElseThrow().brief();
        return transaction.execute(s -> storyboards.create(brief, content(brief.durationS()), Storyboards.Estimate.NONE,
                Storyboards.Actor.PLANNER, "test plan"));
    }

    static StoryboardContent content(int total) {
        var direction = new CreativeDirection("Aero 2 sneaker", "runners", "lighter than air", "street style",
                List.of("black", "volt"), "handheld", "beat", "Tap to shop the drop", "tiktok", "9:16", total, "energetic");
        return new StoryboardContent(direction, List.of(
                new Scene("s1", "hook", "a foot hovers over the curb", "close-up of a sneaker", "push in", 3, "Wait for it", null),
                new Scene("s2", "showcase", "the Aero 2 in flight", "hero shot", "orbit", 4, "Aero 2", "Meet Aero 2."),
                new Scene("s3", "benefit", "lighter than air", "runner mid-stride", "follow", 4, "Lighter than air", null),
                new Scene("s4", "call_to_action", "product centred", "packshot", "pull back", total - 11,
                        "Tap to shop the drop", null)));
    }

    GatewayClient.Reply storyboard(Tenant tenant, UUID id) {
        return as(tenant).get("/api/v2/storyboards/" + id);
    }

    int currentVersion(Tenant tenant, UUID id) {
        return storyboard(tenant, id).json().path("current_version").asInt();
    }
}
