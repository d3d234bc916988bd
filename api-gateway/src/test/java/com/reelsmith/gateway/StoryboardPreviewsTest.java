package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Keyframe previews: one ordinary image job per scene, a scene's alone again, approved with the storyboard. */
class StoryboardPreviewsTest extends StoryboardTestBase {

    @Test
    void previewsAreOneQueuedImageJobPerSceneMadeFromItsImagePromptAtTheStoryboardsFrame() {
        var tenant = newTenant("Previewer");
        UUID id = plannedStoryboard(tenant);

        var reply = as(tenant).post("/api/v2/storyboards/" + id + "/previews", Map.of());

        assertThat(reply.status()).as("%s", reply).isEqualTo(202);
        var previews = reply.json().path("previews");
        assertThat(previews.size()).isEqualTo(4);
        var scenes = storyboard(tenant, id).json().path("scenes");
        for (int i = 0; i < 4; i++) {
            var preview = previews.get(i);
            assertThat(preview.path("scene_id").asString()).isEqualTo(scenes.get(i).path("id").asString());
            String jobId = preview.path("job_id").asString();
            var job = as(tenant).get("/api/v2/jobs/" + jobId).json();
            assertThat(job.path("kind").asString()).isEqualTo("image");
            assertThat(job.path("status").asString()).isEqualTo("queued");
            assertThat(job.path("effective_prompt").asString()).isEqualTo(scenes.get(i).path("image_prompt").asString());
            assertThat(GatewayEnvironment.queryString(DB, "select input->>'aspect_ratio' from jobs where id = ?",
                    UUID.fromString(jobId))).isEqualTo("9:16");
            assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from outbox where routing_key = 'image.generate' "
                    + "and payload->>'job_id' = ?", jobId)).as("its command, through the outbox").isEqualTo(1);
        }
        var shown = storyboard(tenant, id).json().path("previews");
        assertThat(shown.size()).isEqualTo(4);
    }

    @Test
    void aScenesPreviewIsMadeAgainAloneAndApprovingApprovesTheCurrentPreviews() {
        var tenant = newTenant("Regenerator");
        UUID id = plannedStoryboard(tenant);
        var first = byScene(as(tenant).post("/api/v2/storyboards/" + id + "/previews", Map.of()).json().path("previews"));

        var again = as(tenant).post("/api/v2/storyboards/" + id + "/scenes/s2/preview", Map.of());

        assertThat(again.status()).as("%s", again).isEqualTo(202);
        String newJob = again.json().path("previews").get(0).path("job_id").asString();
        assertThat(newJob).isNotEqualTo(first.get("s2"));
        var current = byScene(storyboard(tenant, id).json().path("previews"));
        assertThat(current).containsEntry("s2", newJob).containsEntry("s1", first.get("s1"))
                .containsEntry("s3", first.get("s3")).containsEntry("s4", first.get("s4"));

        as(tenant).post("/api/v2/storyboards/" + id + "/submit", Map.of());
        var approved = as(tenant).post("/api/v2/storyboards/" + id + "/approve", Map.of("version", 1));

        assertThat(approved.status()).as("%s", approved).isEqualTo(200);
        approved.json().path("previews").forEach(p -> assertThat(p.path("approved").asBoolean()).isTrue());
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from storyboard_previews where storyboard_id = ? and approved",
                id)).isEqualTo(4);
        assertThat(GatewayEnvironment.queryString(DB, "select approved::text from storyboard_previews where job_id = ?",
                UUID.fromString(first.get("s2")))).as("the replaced preview").isEqualTo("false");
        var late = as(tenant).post("/api/v2/storyboards/" + id + "/previews", Map.of());
        assertThat(late.status()).isEqualTo(409);
    }

    @Test
    void previewsOfAnotherClientsStoryboardOrAnUnknownSceneAreNotFound() {
        var a = newTenant("A");
        var b = newTenant("B");
        UUID id = plannedStoryboard(a);

        assertThat(as(b).post("/api/v2/storyboards/" + id + "/previews", Map.of()).status()).isEqualTo(404);
        assertThat(as(b).post("/api/v2/storyboards/" + id + "/scenes/s1/preview", Map.of()).status()).isEqualTo(404);
        assertThat(as(a).post("/api/v2/storyboards/" + id + "/scenes/s99/preview", Map.of()).status()).isEqualTo(404);
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from storyboard_previews where storyboard_id = ?", id))
                .isZero();
    }

    static Map<String, String> byScene(JsonNode previews) {
        Map<String, String> jobs = new HashMap<>();
        previews.forEach(p -> jobs.put(p.path("scene_id").asString(), p.path("job_id").asString()));
        return jobs;
    }
}
