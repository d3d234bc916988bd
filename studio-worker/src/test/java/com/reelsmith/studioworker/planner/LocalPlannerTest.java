package com.reelsmith.studioworker.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.platform.storyboards.Brief;
import com.reelsmith.platform.storyboards.PlatformDefaults;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.StoryboardContent;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The offline planner on the sample briefs teams write (test resources briefs/*.json, from shared/fixtures). */
class LocalPlannerTest {

    static final LocalPlanner PLANNER = new LocalPlanner();

    @ParameterizedTest
    @ValueSource(strings = {"skincare-tiktok", "coffee-instagram", "saas-youtube", "bank-linkedin", "toy-short"})
    void everySampleBriefBecomesAStoryboardThatFitsItsPlatformAndSpeaksOfItsProduct(String name) {
        Brief brief = brief(name);

        StoryboardContent board = PLANNER.plan(brief);

        print(name, board);
        assertThat(board.totalDurationS()).isEqualTo(brief.durationS());
        assertThat(board.scenes()).allSatisfy(s -> assertThat(s.durationS()).isBetween(1, 10));
        assertThat(board.scenes().get(0).role()).isEqualTo("hook");
        assertThat(board.scenes().get(board.scenes().size() - 1).role()).isEqualTo("call_to_action");
        assertThat(board.scenes()).extracting(Scene::role).contains("showcase");
        assertThat(board.direction().aspectRatio()).isEqualTo(brief.aspectRatio());
        assertThat(board.direction().callToAction()).isEqualTo(brief.callToAction());
        assertThat(board.scenes()).extracting(Scene::id).doesNotHaveDuplicates();
        String product = brief.product();
        assertThat(board.scenes().stream().filter(s -> s.description().contains(product)).count())
                .as("scenes that name %s", product).isGreaterThanOrEqualTo(2);
        assertThat(board.scenes()).allSatisfy(s -> {
            assertThat(s.imagePrompt()).contains(frameWord(brief.aspectRatio()));
            assertThat(s.motionPrompt()).isNotBlank();
            assertThat(s.onScreenText()).isNotBlank();
        });
        assertThat(board.scenes().get(board.scenes().size() - 1).onScreenText()).isEqualTo(brief.callToAction());
    }

    @Test
    void theSameBriefAlwaysGivesTheSameStoryboard() {
        assertThat(PLANNER.plan(brief("saas-youtube"))).isEqualTo(PLANNER.plan(brief("saas-youtube")));
    }

    @Test
    void everyLengthFromFiveSecondsToTwoMinutesIsSharedIntoScenesOfOneToTenSeconds() {
        for (int total = PlatformDefaults.MIN_DURATION_S; total <= PlatformDefaults.MAX_DURATION_S; total++) {
            var brief = new Brief(UUID.randomUUID(), null, null, "A lamp that follows the sun.", "Sunlamp", null, null,
                    null, "custom", total, "16:9", null, List.of());
            var board = PLANNER.plan(brief);
            assertThat(board.totalDurationS()).as("total of a %d s plan", total).isEqualTo(total);
            assertThat(board.scenes()).allSatisfy(s -> assertThat(s.durationS()).isBetween(1, 10));
        }
    }

    @Test
    void aBriefWithOnlyFreeTextGetsItsProductAndDefaultsFromTheText() {
        var brief = new Brief(UUID.randomUUID(), null, null,
                "Northbound Roasters is launching a cold brew in a can. Earthy tones, real people.", null, null, null,
                null, "tiktok", 15, "9:16", null, List.of());

        var board = PLANNER.plan(brief);

        assertThat(board.direction().product()).isEqualTo("Northbound Roasters");
        assertThat(board.direction().palette()).contains("olive green");
        assertThat(board.direction().callToAction()).isEqualTo("Tap to shop now");
    }

    static String frameWord(String ratio) {
        return switch (ratio) {
            case "9:16" -> "vertical";
            case "1:1" -> "square";
            default -> "widescreen";
        };
    }

    static Brief brief(String name) {
        try (InputStream in = LocalPlannerTest.class.getResourceAsStream("/briefs/" + name + ".json")) {
            JsonNode b = JsonMapper.shared().readTree(in);
            String platform = b.path("platform").asString();
            var format = PlatformDefaults.of(platform);
            return new Brief(UUID.randomUUID(), null, null, b.path("text").asString(), text(b, "product"),
                    text(b, "audience"), text(b, "key_message"), text(b, "call_to_action"), platform,
                    b.has("duration_s") ? b.path("duration_s").asInt() : format.durationS(),
                    b.has("aspect_ratio") ? b.path("aspect_ratio").asString() : format.aspectRatio(), text(b, "tone"),
                    List.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode b, String field) {
        return b.hasNonNull(field) ? b.path(field).asString() : null;
    }

    static void print(String name, StoryboardContent board) {
        StringBuilder out = new StringBuilder("\n=== " + name + ": " + board.direction().durationS() + " s "
                + board.direction().aspectRatio() + ", " + board.direction().visualStyle() + "\n");
        for (Scene s : board.scenes()) {
            out.append(String.format("  %-3s %-14s %2d s  %s%n        text: %s | vo: %s%n        image: %s%n        motion: %s%n",
                    s.id(), s.role(), s.durationS(), s.description(), s.onScreenText(), s.voiceOver(), s.imagePrompt(),
                    s.motionPrompt()));
        }
        System.out.println(out);
    }
}
