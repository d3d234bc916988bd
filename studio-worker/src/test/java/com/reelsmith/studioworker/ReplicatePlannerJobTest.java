package com.reelsmith.studioworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.Storyboards;
import com.reelsmith.testing.FakeReplicate;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** PLANNER=replicate against the local Replicate fake: a text model asked for JSON, answers checked, repaired or asked again. */
class ReplicatePlannerJobTest extends StudioWorkerTestBase {

    static final FakeReplicate replicate = FakeReplicate.forTests(Duration.ofMillis(300));

    static final String VALID = """
            Here is your storyboard:
            ```json
            {"direction": {"product": "Aero 2", "audience": "city runners", "message": "lighter than air",
                           "visual_style": "gritty street, neon night", "palette": ["volt", "asphalt"],
                           "camera_and_motion": "low tracking shots", "audio_direction": "drum and bass", "tone": "bold"},
             "scenes": [
               {"role": "hook", "description": "A foot hovers over a wet curb at night", "image_prompt": "macro of a sneaker sole over a puddle",
                "motion_prompt": "slow push in", "duration_s": 3, "on_screen_text": "One step", "voice_over": null},
               {"role": "showcase", "description": "The Aero 2 lands, the city lights up", "image_prompt": "hero shot of the Aero 2 on asphalt",
                "motion_prompt": "orbit", "duration_s": 6, "on_screen_text": "Aero 2"},
               {"role": "call_to_action", "description": "Runner disappears into the night", "image_prompt": "runner silhouette, logo",
                "duration_s": 4, "on_screen_text": "Tap to shop the drop"}],
             "not_applied": []}
            ```""";

    @DynamicPropertySource
    static void replicatePlanner(DynamicPropertyRegistry registry) {
        registry.add("reelsmith.planner.name", () -> "replicate");
        registry.add("reelsmith.replicate.base-url", () -> replicate.url().toString());
        registry.add("reelsmith.replicate.api-token", () -> FakeReplicate.TEST_TOKEN);
        registry.add("reelsmith.replicate.poll-interval", () -> "100ms");
    }

    @AfterAll
    static void stopFake() {
        replicate.close();
    }

    @Autowired
    Storyboards storyboards;

    @Test
    void aValidAnswerBecomesTheStoryboardItsDurationsRepairedToTheTarget() throws Exception {
        replicate.answerText(VALID);
        int before = replicate.created().size();

        UUID job = submitBrief("Aero 2 launch at night.", "Aero 2", "tiktok", 15, "9:16", "Tap to shop the drop");

        fixtures.awaitStatus(job, "succeeded", 20_000);
        var calls = replicate.created().subList(before, replicate.created().size());
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.model()).isEqualTo("meta/meta-llama-3-70b-instruct");
            assertThat(c.input().path("system_prompt").asString()).contains("\"scenes\"", "duration_s");
            assertThat(c.input().path("prompt").asString()).contains("15 seconds", "Aero 2 launch at night.");
        });
        UUID storyboard = (UUID) value("select result_id from jobs where id = '" + job + "'");
        var content = storyboards.version(storyboard, 1).orElseThrow().content();
        assertThat(content.scenes()).extracting(Scene::description).containsExactly(
                "A foot hovers over a wet curb at night", "The Aero 2 lands, the city lights up",
                "Runner disappears into the night");
        assertThat(content.totalDurationS()).as("3 + 6 + 4 = 13 scaled to the brief's 15").isEqualTo(15);
        assertThat(content.scenes().get(2).motionPrompt()).as("repaired: a missing motion prompt").isNotBlank();
        assertThat(content.direction().palette()).containsExactly("volt", "asphalt");
        assertThat(storyboards.history(storyboard).get(0).comment()).contains("replicate");
    }

    @Test
    void anAnswerThatIsNotAStoryboardIsSentBackWithWhatWasWrongAndTheSecondAnswerIsUsed() throws Exception {
        replicate.answerText("Sure! A runner, a curb, a leap. Want me to write it up?", VALID);
        int before = replicate.created().size();

        UUID job = submitBrief("Aero 2 launch at night.", "Aero 2", "tiktok", 15, "9:16", "Tap to shop the drop");

        fixtures.awaitStatus(job, "succeeded", 20_000);
        var calls = replicate.created().subList(before, replicate.created().size());
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).input().path("prompt").asString())
                .contains("Your previous answer could not be used: it contains no JSON object");
        assertThat(value("select attempts from jobs where id = '" + job + "'")).isEqualTo(1);
    }

    @Test
    void aModelThatNeverAnswersWithAStoryboardFailsTheJobWithAClearError() throws Exception {
        replicate.answerText("{\"scenes\": []}", "not json at all",
                "{\"scenes\": [{\"description\": \"no image prompt\"}, {\"description\": \"nor here\"}]}");

        UUID job = submitBrief("Aero 2 launch.", "Aero 2", "tiktok", 15, "9:16", null);

        fixtures.awaitStatus(job, "failed", 20_000);
        assertThat(value("select error_code from jobs where id = '" + job + "'")).isEqualTo("planner_invalid_answer");
        assertThat((String) value("select error_message from jobs where id = '" + job + "'"))
                .contains("3 answers", "lacks a description or an image_prompt");
        assertThat(value("select count(*) from storyboards s join briefs b on b.id = s.brief_id where b.job_id = '" + job + "'"))
                .isEqualTo(0L);
    }

    @Test
    void aModelThatRefusesTheContentFailsTheJobWithItsReason() throws Exception {
        replicate.failNextPrediction("Input flagged as sensitive by the safety checker");

        UUID job = submitBrief("Aero 2 launch.", "Aero 2", "tiktok", 15, "9:16", null);

        fixtures.awaitStatus(job, "failed", 20_000);
        assertThat(value("select error_code from jobs where id = '" + job + "'")).isEqualTo("content_rejected");
        assertThat((String) value("select error_message from jobs where id = '" + job + "'")).contains("flagged as sensitive");
    }
}
