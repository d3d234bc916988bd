package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client's brand guidelines: a banned word is refused wherever a prompt enters, and the rest reaches every prompt sent. */
class BrandGuidelinesTest extends StoryboardTestBase {

    static final Map<String, Object> GUIDELINES = Map.of("voice", "bold and warm", "colors", List.of("#ff3b00", "jet black"),
            "fonts", List.of("Inter"), "style_keywords", List.of("high contrast"), "words_to_use", List.of("glow"),
            "banned_words", List.of("miracle", "cure"));

    Tenant dew;
    UUID campaign;

    @BeforeEach
    void aClientWithGuidelines() {
        var client = admin.post("/api/v2/clients", Map.of("name", "Dew Theory", "brand_guidelines", GUIDELINES));
        assertThat(client.status()).as("%s", client).isEqualTo(201);
        var key = admin.post("/api/v2/clients/" + client.id() + "/api-keys", Map.of("name", "dew key"));
        dew = new Tenant(client.id(), key.id(), key.json().path("api_key").asString());
        campaign = newCampaign(dew, "SPF launch");
    }

    @Test
    void aBannedWordIsRefusedWith422NamingTheWordAndTheFieldWhereverAPromptEnters() {
        UUID storyboard = plannedStoryboard(dew);
        String s = "/api/v2/storyboards/" + storyboard;
        Map<String, GatewayClient.Reply> refusals = Map.of(
                "prompt", as(dew).post("/api/v2/generate/image", Map.of("campaign_id", campaign, "prompt", "A Miracle in a bottle")),
                "negative_prompt", as(dew).post("/api/v2/generate/video", Map.of("campaign_id", campaign,
                        "prompt", "serum on skin", "negative_prompt", "no cure claims")),
                "text", as(dew).post("/api/v2/campaigns/" + campaign + "/briefs", Map.of("text", "The miracle serum.")),
                "call_to_action", as(dew).post("/api/v2/campaigns/" + campaign + "/briefs",
                        Map.of("text", "An SPF serum.", "call_to_action", "Cure your skin")),
                "on_screen_text", as(dew).patch(s + "/scenes/s1", Map.of("version", 1, "on_screen_text", "A MIRACLE!")),
                "description", as(dew).post(s + "/scenes", Map.of("version", 1, "description", "the cure", "duration_s", 2)),
                "feedback", as(dew).post(s + "/refine", Map.of("feedback", "make it feel like a miracle")));

        refusals.forEach((field, reply) -> {
            assertThat(reply.status()).as("%s: %s", field, reply).isEqualTo(422);
            assertThat(reply.errorCode()).isEqualTo("banned_word");
            assertThat(reply.errorField()).isEqualTo(field);
            assertThat(reply.json().path("error").path("message").asString()).containsAnyOf("\"miracle\"", "\"cure\"");
        });
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from jobs where client_id = ? and kind <> 'storyboard'",
                dew.clientId())).as("no generation accepted").isZero();
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from briefs where campaign_id = ?", campaign))
                .as("no brief accepted").isZero();
        assertThat(storyboard(dew, storyboard).json().path("current_version").asInt()).isEqualTo(1);
    }

    @Test
    void aBannedWordInsideAnotherWordIsNotAMatch() {
        var reply = as(dew).post("/api/v2/generate/image", Map.of("campaign_id", campaign, "prompt", "a miraculous glow, curated"));

        assertThat(reply.status()).as("%s", reply).isEqualTo(202);
    }

    @Test
    void everyGeneratedJobShowsTheEffectivePromptItSentWithTheGuidelines() {
        var image = as(dew).post("/api/v2/generate/image", Map.of("campaign_id", campaign, "prompt", "serum on a marble shelf"));
        var video = as(dew).post("/api/v2/generate/video", Map.of("campaign_id", campaign, "prompt", "serum drop in slow motion"));

        for (var accepted : List.of(image, video)) {
            assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
            var job = as(dew).get("/api/v2/jobs/" + accepted.json().path("job_id").asString()).json();
            assertThat(job.path("effective_prompt").asString())
                    .startsWith(accepted == image ? "serum on a marble shelf" : "serum drop in slow motion")
                    .contains("bold and warm", "#ff3b00", "jet black", "Inter", "high contrast", "glow");
        }
        // what the worker sends is the job's stored effective prompt
        assertThat(GatewayEnvironment.queryString(DB, "select input->>'effective_prompt' from jobs where id = ?",
                UUID.fromString(image.json().path("job_id").asString()))).contains("#ff3b00");
    }

    @Test
    void aClientWithoutGuidelinesSendsItsPromptAsWritten() {
        var plain = newTenant("Plain");
        UUID c = newCampaign(plain, "c");

        var accepted = as(plain).post("/api/v2/generate/image", Map.of("campaign_id", c, "prompt", "a miracle"));

        var job = as(plain).get("/api/v2/jobs/" + accepted.json().path("job_id").asString()).json();
        assertThat(job.path("effective_prompt").asString()).isEqualTo("a miracle");
    }
}
