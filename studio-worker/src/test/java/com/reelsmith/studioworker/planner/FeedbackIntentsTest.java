package com.reelsmith.studioworker.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.platform.storyboards.Brief;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.StoryboardContent;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The local planner's refinements: each documented intent changes what it says, and nothing else is claimed. */
class FeedbackIntentsTest {

    static final LocalPlanner PLANNER = new LocalPlanner();
    static final Brief SNEAKER = new Brief(UUID.randomUUID(), null, null,
            "Stride Labs launches the Aero 2 running sneaker. Show a runner's first step off the curb turning into flight.",
            "Aero 2 sneaker", "city runners 18-35", "lighter than air, built for the street", "Tap to shop the drop",
            "tiktok", 15, "9:16", "bold", List.of());
    static final StoryboardContent PLAN = PLANNER.plan(SNEAKER);

    @Test
    void funnierHookAndEndOnTheLogoChangeTheHookAndAddALogoEndCardKeepingTheLength() {
        var refined = PLANNER.refine(SNEAKER, PLAN, "Make the hook funnier and end on the logo");

        LocalPlannerTest.print("sneaker-tiktok v1", PLAN);
        LocalPlannerTest.print("sneaker-tiktok v2 (make the hook funnier and end on the logo)", refined.content());
        assertThat(refined.applied()).containsExactly("funnier", "end_on_logo");
        assertThat(refined.notApplied()).isEmpty();
        var scenes = refined.content().scenes();
        assertThat(scenes.get(0).description()).startsWith("A funny twist").isNotEqualTo(PLAN.scenes().get(0).description());
        assertThat(scenes.get(1).description()).as("only the hook was asked to be funnier")
                .isEqualTo(PLAN.scenes().get(1).description());
        assertThat(scenes.get(scenes.size() - 1).role()).isEqualTo("logo");
        assertThat(scenes.get(scenes.size() - 2).role()).isEqualTo("call_to_action");
        assertThat(refined.content().totalDurationS()).isEqualTo(15);
        assertThat(scenes).allSatisfy(s -> assertThat(s.durationS()).isBetween(1, 10));
    }

    @Test
    void shorterAndLongerChangeTheTotalByAboutAFifthWithinTheLimits() {
        var shorter = PLANNER.refine(SNEAKER, PLAN, "shorter please").content();
        var longer = PLANNER.refine(SNEAKER, PLAN, "a bit longer").content();

        assertThat(shorter.totalDurationS()).isEqualTo(12);
        assertThat(shorter.direction().durationS()).isEqualTo(12);
        assertThat(longer.totalDurationS()).isEqualTo(18);
        assertThat(shorter.scenes()).allSatisfy(s -> assertThat(s.durationS()).isBetween(1, 10));
        assertThat(longer.scenes()).allSatisfy(s -> assertThat(s.durationS()).isBetween(1, 10));
    }

    @Test
    void moreSeriousChangesToneAndAudioAndEveryScene() {
        var serious = PLANNER.refine(SNEAKER, PLAN, "more serious").content();

        assertThat(serious.direction().tone()).contains("serious");
        assertThat(serious.direction().audioDirection()).isNotEqualTo(PLAN.direction().audioDirection());
        assertThat(serious.scenes()).allSatisfy(s -> assertThat(s.description()).startsWith("Played straight"));
    }

    @Test
    void closeUpsChangeTheProductScenesKeyframes() {
        var closer = PLANNER.refine(SNEAKER, PLAN, "more product close-ups").content();

        for (int i = 0; i < PLAN.scenes().size(); i++) {
            Scene before = PLAN.scenes().get(i);
            Scene after = closer.scenes().get(i);
            if (before.role().equals("showcase") || before.role().equals("benefit")) {
                assertThat(after.imagePrompt()).startsWith("extreme close-up of Aero 2 sneaker");
            } else {
                assertThat(after).isEqualTo(before);
            }
        }
    }

    @Test
    void anotherCallToActionUsesAQuotedLineOrTheNextStandardOne() {
        var quoted = PLANNER.refine(SNEAKER, PLAN, "use another call to action: 'Find your pair'").content();
        var next = PLANNER.refine(SNEAKER, PLAN, "try a different CTA").content();

        assertThat(quoted.direction().callToAction()).isEqualTo("Find your pair");
        assertThat(last(quoted).onScreenText()).isEqualTo("Find your pair");
        assertThat(next.direction().callToAction()).isIn(FeedbackIntents.ALTERNATIVE_CTAS).isNotEqualTo("Tap to shop the drop");
    }

    @Test
    void whatItCannotApplyItSaysWordForWordAndChangesNothingForIt() {
        var refined = PLANNER.refine(SNEAKER, PLAN, "Add a dragon, and set it on Mars");

        assertThat(refined.applied()).isEmpty();
        assertThat(refined.notApplied()).containsExactly("Add a dragon", "set it on Mars");
        assertThat(refined.content()).isEqualTo(PLAN);
    }

    private static Scene last(StoryboardContent content) {
        return content.scenes().get(content.scenes().size() - 1);
    }
}
