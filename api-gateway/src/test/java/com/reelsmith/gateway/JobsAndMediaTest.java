package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.platform.media.FileSystemMediaStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jobs and their media as a client reads them. Results are written here as a worker writes them
 * (a media row and bytes in the store), since no worker runs in the gateway's tests.
 */
class JobsAndMediaTest extends GatewayIntegrationTest {

    Tenant tenant;
    UUID campaign;

    @BeforeEach
    void aCampaign() {
        tenant = newTenant("Media Co");
        campaign = newCampaign(tenant, "media");
    }

    @Test
    void aJobShowsItsChildrenAndItsResultWithASignedLink() {
        UUID video = submitVideo();
        UUID child = childOf(video);
        UUID videoId = finishVideo(video, "fake mp4 bytes".repeat(100).getBytes(StandardCharsets.UTF_8));

        var job = as(tenant).get("/api/v2/jobs/" + video).json();

        assertThat(job.path("status").asString()).isEqualTo("succeeded");
        assertThat(job.path("children").get(0).path("id").asString()).isEqualTo(child.toString());
        assertThat(job.path("children").get(0).path("kind").asString()).isEqualTo("image");
        assertThat(job.path("result").path("id").asString()).isEqualTo(videoId.toString());
        assertThat(job.path("result").path("content_type").asString()).isEqualTo("video/mp4");
        assertThat(job.path("result").path("data_url").asString()).startsWith("/api/videos/" + videoId + "/data?expires=");
        // the row's cost (0.25, as the worker would have charged it), not the estimate, not null
        assertThat(job.path("cost_usd").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(job.path("estimated_cost_usd").decimalValue()).as("priced by the gateway: local is free").isZero();
    }

    @Test
    void mediaBytesServeRangesAndETagsWithAKeyOrASignedLinkOnly() {
        byte[] bytes = new byte[1000];
        Arrays.fill(bytes, (byte) 7);
        UUID video = submitVideo();
        UUID videoId = finishVideo(video, bytes);
        String dataUrl = as(tenant).get("/api/videos/" + videoId).json().path("data_url").asString();

        var withKey = as(tenant).get("/api/videos/" + videoId + "/data");
        var bySignedLink = anonymous.get(dataUrl);
        var range = anonymous.withHeader("Range", "bytes=0-99").get(dataUrl);
        var notModified = anonymous.withHeader("If-None-Match", withKey.header("ETag")).get(dataUrl);
        char last = dataUrl.charAt(dataUrl.length() - 1);
        var tampered = anonymous.get(dataUrl.substring(0, dataUrl.length() - 1) + (last == 'A' ? 'B' : 'A'));
        var otherVideo = anonymous.get(dataUrl.replace(videoId.toString(), UUID.randomUUID().toString()));
        var expired = anonymous.get(dataUrl.replaceAll("expires=[0-9]+", "expires=1000"));
        var bare = anonymous.get("/api/videos/" + videoId + "/data");
        var stranger = as(newTenant("Stranger")).get("/api/videos/" + videoId + "/data");

        assertThat(withKey.status()).isEqualTo(200);
        assertThat(withKey.body()).isEqualTo(bytes);
        assertThat(withKey.header("Content-Type")).isEqualTo("video/mp4");
        assertThat(bySignedLink.status()).isEqualTo(200);
        assertThat(bySignedLink.body()).isEqualTo(bytes);
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.body()).hasSize(100);
        assertThat(range.header("Content-Range")).isEqualTo("bytes 0-99/1000");
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(tampered.status()).isEqualTo(403);
        assertThat(tampered.errorCode()).isEqualTo("invalid_signature");
        assertThat(otherVideo.status()).isEqualTo(403);
        assertThat(expired.status()).isEqualTo(403); // altered expiry: the signature no longer matches
        assertThat(bare.status()).isEqualTo(401);
        assertThat(stranger.status()).isEqualTo(404);
    }

    @Test
    void cancelingStopsAJobAndItsChildrenOnceAndOnlyForItsOwner() {
        UUID video = submitVideo();
        UUID child = childOf(video);

        var stranger = as(newTenant("Stranger")).post("/api/v2/jobs/" + video + "/cancel", Map.of());
        var canceled = as(tenant).post("/api/v2/jobs/" + video + "/cancel", Map.of());
        var again = as(tenant).post("/api/v2/jobs/" + video + "/cancel", Map.of());

        assertThat(stranger.status()).isEqualTo(404);
        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.json().path("status").asString()).isEqualTo("canceled");
        assertThat(as(tenant).get("/api/v2/jobs/" + child).json().path("status").asString()).isEqualTo("canceled");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("job_finished");
    }

    @Test
    void listsAreNewestFirstPaginatedAndFiltered() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(finishImage(submitImage("picture " + i)).toString());
        }
        submitImage("still queued");

        List<String> seen = new ArrayList<>();
        String path = "/api/v2/campaigns/" + campaign + "/generated-images?limit=2";
        var first = as(tenant).get(path).json();
        first.path("items").forEach(i -> seen.add(i.path("id").asString()));
        var second = as(tenant).get(path + "&cursor=" + first.path("next_cursor").asString()).json();
        second.path("items").forEach(i -> seen.add(i.path("id").asString()));
        var queued = as(tenant).get("/api/v2/jobs?status=queued&campaign_id=" + campaign).json().path("items");
        var ofClient = as(tenant).get("/api/v2/clients/" + tenant.clientId() + "/generated-images").json().path("items");

        List<String> newestFirst = new ArrayList<>(made);
        Collections.reverse(newestFirst);
        assertThat(seen).as("each image once, newest first, across the pages").containsExactlyElementsOf(newestFirst);
        assertThat(second.path("next_cursor").isNull()).isTrue();
        assertThat(queued).hasSize(1);
        List<String> ofClientIds = new ArrayList<>();
        ofClient.forEach(i -> ofClientIds.add(i.path("id").asString()));
        assertThat(ofClientIds).containsExactlyElementsOf(newestFirst);
        assertThat(as(tenant).get("/api/v2/jobs?status=done").errorField()).isEqualTo("status");
        assertThat(as(newTenant("Stranger")).get("/api/v2/clients/" + tenant.clientId() + "/generated-images").status())
                .isEqualTo(404);
    }

    private UUID submitVideo() {
        var reply = as(tenant).post("/api/v2/generate/video", Map.of("campaign_id", campaign, "prompt", "a slow pan"));
        assertThat(reply.status()).as("%s", reply).isEqualTo(202);
        UUID video = UUID.fromString(reply.json().path("job_id").asString());
        // as the video worker's saga does: a child image job, the video waiting for it
        GatewayEnvironment.update(DB, """
                insert into jobs (id, client_id, campaign_id, kind, status, input, parent_job_id, correlation_id)
                values (?, ?, ?, 'image', 'queued', '{}'::jsonb, ?, gen_random_uuid())
                """, UUID.randomUUID(), tenant.clientId(), campaign, video);
        GatewayEnvironment.update(DB, "update jobs set status = 'waiting', saga_state = 'waiting_for_image' where id = ?", video);
        return video;
    }

    private UUID submitImage(String prompt) {
        var reply = as(tenant).post("/api/v2/generate/image", Map.of("campaign_id", campaign, "prompt", prompt));
        assertThat(reply.status()).as("%s", reply).isEqualTo(202);
        return UUID.fromString(reply.json().path("job_id").asString());
    }

    private UUID childOf(UUID parent) {
        return UUID.fromString(String.valueOf(GatewayEnvironment.queryString(DB,
                "select id::text from jobs where parent_job_id = ?", parent)));
    }

    private UUID finishVideo(UUID job, byte[] bytes) {
        var stored = new FileSystemMediaStore(MEDIA).put(bytes, "video/mp4");
        UUID id = UUID.randomUUID();
        GatewayEnvironment.update(DB, """
                insert into generated_videos (id, job_id, client_id, campaign_id, prompt, provider, content_type, bytes,
                                              width, height, duration_ms, fps, sha256, storage_key)
                values (?, ?, ?, ?, 'a slow pan', 'local', 'video/mp4', ?, 640, 360, 5000, 24, ?, ?)
                """, id, job, tenant.clientId(), campaign, stored.bytes(), stored.sha256(), stored.key());
        GatewayEnvironment.update(DB, "update jobs set status = 'succeeded', result_id = ?, cost_usd = 0.25, "
                + "finished_at = now() where id = ?", id, job);
        return id;
    }

    private UUID finishImage(UUID job) {
        var stored = new FileSystemMediaStore(MEDIA).put(png(16, 9), "image/png");
        UUID id = UUID.randomUUID();
        GatewayEnvironment.update(DB, """
                insert into generated_images (id, job_id, client_id, campaign_id, prompt, provider, content_type, bytes,
                                              width, height, sha256, storage_key)
                values (?, ?, ?, ?, 'p', 'local', 'image/png', ?, 16, 9, ?, ?)
                """, id, job, tenant.clientId(), campaign, stored.bytes(), stored.sha256(), stored.key());
        GatewayEnvironment.update(DB, "update jobs set status = 'succeeded', result_id = ? where id = ?", id, job);
        return id;
    }
}
