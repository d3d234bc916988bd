package com.reelsmith.studioworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.Routing;
import com.reelsmith.model.StoryboardJobInput;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.Storyboards;
import com.reelsmith.testing.EventTap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PlanningJobTest extends StudioWorkerTestBase {

    static final String SNEAKERS = "Stride Labs is launching the Aero 2 running sneaker. Show a runner's first step "
            + "off the curb turning into flight. Energetic, street style.";

    @Autowired
    Storyboards storyboards;
    @Autowired
    Routing routing;

    @Test
    void aBriefBecomesADraftStoryboardWhoseScenesFillTheTargetLength() throws Exception {
        UUID jobId;
        try (var events = EventTap.on(broker, routing.eventsExchange(), "storyboard.*")) {
            jobId = submitBrief(SNEAKERS, "Aero 2 sneaker", "tiktok", 15, "9:16", "Tap to shop the drop");

            fixtures.awaitStatus(jobId, "succeeded", 20_000);
            assertThat(events.next(5_000).routingKey()).isEqualTo("storyboard.succeeded");
        }
        UUID storyboardId = (UUID) value("select result_id from jobs where id = '" + jobId + "'");
        var row = storyboards.find(storyboardId).orElseThrow();
        assertThat(row.status()).isEqualTo("draft");
        assertThat(row.currentVersion()).isEqualTo(1);
        assertThat(row.clientId()).isEqualTo(tenant.clientId());
        var content = storyboards.version(storyboardId, 1).orElseThrow().content();
        assertThat(content.totalDurationS()).isEqualTo(15);
        assertThat(content.scenes()).extracting(Scene::role).startsWith("hook", "showcase").endsWith("call_to_action");
        assertThat(content.scenes().get(1).description()).contains("Aero 2 sneaker").contains("runner's first step");
        assertThat(storyboards.history(storyboardId)).singleElement()
                .satisfies(h -> assertThat(h.action()).isEqualTo("planned"))
                .satisfies(h -> assertThat(h.keyName()).isEqualTo("planner"));
    }

    @Test
    void aRefinementMakesTheNextVersionAndSaysWhatItCouldNotApply() throws Exception {
        UUID planJob = submitBrief(SNEAKERS, "Aero 2 sneaker", "tiktok", 15, "9:16", "Tap to shop the drop");
        fixtures.awaitStatus(planJob, "succeeded", 20_000);
        UUID storyboardId = (UUID) value("select result_id from jobs where id = '" + planJob + "'");
        UUID keyId = UUID.randomUUID();

        UUID refineJob = submitJob(StoryboardJobInput.refine(storyboardId,
                "Make the hook funnier and end on the logo, and add a dragon", keyId, "reviewer key"));

        fixtures.awaitStatus(refineJob, "succeeded", 20_000);
        var before = storyboards.version(storyboardId, 1).orElseThrow().content();
        var after = storyboards.version(storyboardId, 2).orElseThrow().content();
        assertThat(after.scenes().get(0).description()).containsIgnoringCase("funny")
                .isNotEqualTo(before.scenes().get(0).description());
        assertThat(after.scenes().get(after.scenes().size() - 1).role()).isEqualTo("logo");
        assertThat(before.scenes()).extracting(Scene::role).doesNotContain("logo");
        assertThat(after.totalDurationS()).isEqualTo(15);
        var refined = storyboards.history(storyboardId).get(1);
        assertThat(refined.action()).isEqualTo("refined");
        assertThat(refined.version()).isEqualTo(2);
        assertThat(refined.keyId()).isEqualTo(keyId);
        assertThat(refined.keyName()).isEqualTo("reviewer key");
        var detail = json.readTree(refined.detail());
        assertThat(detail.path("applied").toString()).contains("funnier", "end_on_logo");
        assertThat(detail.path("not_applied").toString()).contains("add a dragon");
    }

    @Test
    void theClientsBrandReachesEveryScenePromptOfThePlanAndOfItsRefinements() throws Exception {
        fixtures.update("update clients set brand_guidelines = '{\"voice\": \"bold\", \"colors\": [\"#ff3b00\", \"jet black\"],"
                + " \"style_keywords\": [\"high contrast\"]}' where id = '" + tenant.clientId() + "'");
        UUID planJob = submitBrief(SNEAKERS, "Aero 2 sneaker", "tiktok", 15, "9:16", "Tap to shop the drop");
        fixtures.awaitStatus(planJob, "succeeded", 20_000);
        UUID storyboardId = (UUID) value("select result_id from jobs where id = '" + planJob + "'");
        UUID refineJob = submitJob(StoryboardJobInput.refine(storyboardId, "more product close-ups", null, "k"));
        fixtures.awaitStatus(refineJob, "succeeded", 20_000);

        for (int version = 1; version <= 2; version++) {
            var content = storyboards.version(storyboardId, version).orElseThrow().content();
            assertThat(content.direction().palette()).containsExactly("#ff3b00", "jet black");
            assertThat(content.direction().visualStyle()).contains("high contrast");
            assertThat(content.scenes()).allSatisfy(scene -> {
                assertThat(scene.imagePrompt()).contains("Brand guidelines:", "#ff3b00", "bold");
                assertThat(scene.motionPrompt()).contains("Brand guidelines:", "#ff3b00");
                assertThat(scene.imagePrompt().indexOf("Brand guidelines:"))
                        .isEqualTo(scene.imagePrompt().lastIndexOf("Brand guidelines:"));
            });
        }
    }

    @Test
    void aJobForABriefThatDoesNotExistFailsWithAClearError() throws Exception {
        UUID jobId = submitJob(StoryboardJobInput.plan(UUID.randomUUID()));

        fixtures.awaitStatus(jobId, "failed", 20_000);
        assertThat(value("select error_code from jobs where id = '" + jobId + "'")).isEqualTo("brief_not_found");
        assertThat(value("select attempts from jobs where id = '" + jobId + "'")).isEqualTo(1);
    }
}
