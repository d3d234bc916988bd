package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BriefsTest extends StoryboardTestBase {

    @Test
    void aBriefIsAcceptedWithAPlanningJobWhoseCommandIsInTheOutbox() {
        var tenant = newTenant("Stride Labs");
        UUID campaign = newCampaign(tenant, "Aero 2 launch");

        var reply = as(tenant).post("/api/v2/campaigns/" + campaign + "/briefs", SNEAKER_BRIEF);

        assertThat(reply.status()).as("%s", reply).isEqualTo(202);
        UUID jobId = UUID.fromString(reply.json().path("job_id").asString());
        assertThat(reply.json().path("kind").asString()).isEqualTo("storyboard");
        assertThat(reply.json().path("status").asString()).isEqualTo("queued");
        assertThat(GatewayEnvironment.queryLong(DB,
                "select count(*) from outbox where routing_key = 'storyboard.plan' and payload->>'job_id' = ?",
                jobId.toString())).isEqualTo(1);
        var job = as(tenant).get("/api/v2/jobs/" + jobId);
        assertThat(job.json().path("kind").asString()).isEqualTo("storyboard");
        var brief = as(tenant).get(reply.json().path("links").path("self").asString());
        assertThat(brief.status()).isEqualTo(200);
        assertThat(brief.json().path("product").asString()).isEqualTo("Aero 2 sneaker");
        assertThat(brief.json().path("job_status").asString()).isEqualTo("queued");
    }

    @Test
    void aBriefThatLeavesOutLengthAndFrameGetsItsPlatformsDefaultsAndSaysSo() {
        var tenant = newTenant("Defaults");
        UUID campaign = newCampaign(tenant, "c");

        var tiktok = as(tenant).get("/api/v2/briefs/" + briefOf(tenant, campaign)).json();
        var youtube = as(tenant).get("/api/v2/briefs/" + as(tenant).post("/api/v2/campaigns/" + campaign + "/briefs",
                Map.of("text", "A ledger for freelancers.", "platform", "youtube", "duration_s", 45)).id()).json();

        assertThat(tiktok.path("duration_s").asInt()).isEqualTo(15);
        assertThat(tiktok.path("aspect_ratio").asString()).isEqualTo("9:16");
        assertThat(tiktok.path("defaulted").toString()).contains("duration_s", "aspect_ratio").doesNotContain("platform");
        assertThat(youtube.path("duration_s").asInt()).isEqualTo(45);
        assertThat(youtube.path("aspect_ratio").asString()).isEqualTo("16:9");
        assertThat(youtube.path("defaulted").toString()).contains("aspect_ratio").doesNotContain("duration_s");
    }

    @Test
    void badBriefsAreRefusedNamingTheField() {
        var tenant = newTenant("Careless");
        var other = newTenant("Other");
        UUID campaign = newCampaign(tenant, "c");
        UUID othersCampaign = newCampaign(other, "o");
        var othersAsset = as(other).upload("/api/v2/campaigns/" + othersCampaign + "/assets", "x.png", "image/png",
                png(8, 8)).id();
        String path = "/api/v2/campaigns/" + campaign + "/briefs";

        Map<String, Map<String, Object>> bad = Map.of(
                "text", Map.of("product", "no text"),
                "platform", Map.of("text", "t", "platform", "myspace"),
                "duration_s", Map.of("text", "t", "duration_s", 3),
                "aspect_ratio", Map.of("text", "t", "aspect_ratio", "2:1"));
        bad.forEach((field, body) -> {
            var reply = as(tenant).post(path, body);
            assertThat(reply.status()).as("%s: %s", field, reply).isEqualTo(400);
            assertThat(reply.errorField()).isEqualTo(field);
        });
        var foreign = as(tenant).post(path, Map.of("text", "t", "asset_ids", List.of(othersAsset.toString())));
        assertThat(foreign.status()).as("%s", foreign).isEqualTo(404);
        assertThat(foreign.errorField()).isEqualTo("asset_ids[0]");
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from briefs where campaign_id = ?", campaign))
                .isZero();
    }

    @Test
    void aCampaignsBriefsAreAKeysetListNewestFirst() {
        var tenant = newTenant("Lister");
        UUID campaign = newCampaign(tenant, "c");
        var made = new java.util.ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            made.add(0, briefOf(tenant, campaign).toString());
        }
        var seen = new java.util.ArrayList<String>();
        String cursor = null;
        int pages = 0;
        do {
            var page = as(tenant).get("/api/v2/campaigns/" + campaign + "/briefs?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(item -> seen.add(item.path("id").asString()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(made);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void anotherClientsBriefsAreNotFound() {
        var a = newTenant("A");
        var b = newTenant("B");
        UUID campaign = newCampaign(a, "secret");
        UUID brief = briefOf(a, campaign);

        for (var reply : List.of(as(b).get("/api/v2/briefs/" + brief),
                as(b).get("/api/v2/campaigns/" + campaign + "/briefs"),
                as(b).post("/api/v2/campaigns/" + campaign + "/briefs", SNEAKER_BRIEF))) {
            assertThat(reply.status()).as("%s", reply).isEqualTo(404);
        }
        assertThat(as(a).get("/api/v2/briefs/" + brief).status()).isEqualTo(200);
    }
}
