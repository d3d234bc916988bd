package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.platform.media.FileSystemMediaStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenancy on reads of jobs and generated media: another client's job, its children, its image and
 * video (metadata and bytes) and its lists answer 404 exactly like ids that do not exist, and
 * unfiltered lists hold only the caller's own rows. Jobs are submitted through the API; results
 * are recorded as a worker records them (a media row and bytes in the store).
 */
class JobAndMediaTenancyTest extends GatewayIntegrationTest {

    Tenant a;
    Tenant b;
    UUID campaignOfA;
    UUID campaignOfB;
    UUID imageJobOfA;
    UUID imageOfA;
    UUID videoJobOfA;
    UUID childOfA;
    UUID videoOfA;
    UUID imageJobOfB;
    UUID imageOfB;

    @BeforeEach
    void bothClientsHaveJobsAndMedia() {
        a = newTenant("Tenancy A");
        b = newTenant("Tenancy B");
        campaignOfA = newCampaign(a, "A's launch");
        campaignOfB = newCampaign(b, "B's launch");
        imageJobOfA = submit(a, campaignOfA, "image");
        imageOfA = finishImage(a, campaignOfA, imageJobOfA);
        videoJobOfA = submit(a, campaignOfA, "video");
        childOfA = UUID.randomUUID();
        GatewayEnvironment.update(DB, """
                insert into jobs (id, client_id, campaign_id, kind, status, input, parent_job_id, correlation_id)
                values (?, ?, ?, 'image', 'queued', '{}'::jsonb, ?, gen_random_uuid())
                """, childOfA, a.clientId(), campaignOfA, videoJobOfA);
        videoOfA = finishVideo(a, campaignOfA, videoJobOfA);
        imageJobOfB = submit(b, campaignOfB, "image");
        imageOfB = finishImage(b, campaignOfB, imageJobOfB);
    }

    @Test
    void theOwnerAndTheAdminReachEveryRowSoTheRefusalsBelowAreAboutTheCaller() {
        for (var caller : List.of(as(a), admin)) {
            for (String path : readPathsOfA()) {
                var reply = caller.get(path);
                assertThat(reply.status()).as("%s", path).isEqualTo(200);
            }
        }
    }

    @Test
    void anotherClientGetsNotFoundOnEveryJobAndMediaReadOfA() {
        for (String path : readPathsOfA()) {
            var reply = as(b).get(path);
            var missing = as(b).get(path.replaceAll(
                    "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", UUID.randomUUID().toString()));

            assertThat(reply.status()).as("%s answered %s", path, reply).isEqualTo(404);
            assertThat(reply.errorCode()).as(path).isEqualTo("not_found");
            assertThat(reply.errorCode()).as("%s looks like a missing id", path).isEqualTo(missing.errorCode());
        }
    }

    @Test
    void anotherClientsListsHoldOnlyItsOwnRows() {
        List<String> jobs = ids(as(b).get("/api/v2/jobs"));
        List<String> succeeded = ids(as(b).get("/api/v2/jobs?status=succeeded&kind=image"));
        List<String> queued = ids(as(b).get("/api/v2/jobs?status=queued"));
        List<String> images = ids(as(b).get("/api/v2/clients/" + b.clientId() + "/generated-images"));
        List<String> videos = ids(as(b).get("/api/v2/clients/" + b.clientId() + "/generated-videos"));
        List<String> campaignImages = ids(as(b).get("/api/v2/campaigns/" + campaignOfB + "/generated-images"));
        List<String> jobsOfA = List.of(imageJobOfA.toString(), videoJobOfA.toString(), childOfA.toString());

        assertThat(jobs).containsExactly(imageJobOfB.toString()).doesNotContainAnyElementsOf(jobsOfA);
        assertThat(succeeded).containsExactly(imageJobOfB.toString());
        assertThat(queued).as("A's child is queued; B has no queued job").isEmpty();
        assertThat(images).containsExactly(imageOfB.toString());
        assertThat(videos).isEmpty();
        assertThat(campaignImages).containsExactly(imageOfB.toString());
        assertThat(ids(as(a).get("/api/v2/jobs"))).as("A's own list, for contrast").containsAll(jobsOfA);
    }

    @Test
    void anotherClientCannotReachAsRowsByFilteringForThem() {
        var byCampaign = as(b).get("/api/v2/jobs?campaign_id=" + campaignOfA);
        var byCampaignAndStatus = as(b).get("/api/v2/jobs?status=succeeded&campaign_id=" + campaignOfA);

        assertThat(byCampaign.status()).as("%s", byCampaign).isEqualTo(404);
        assertThat(byCampaign.errorCode()).isEqualTo("not_found");
        assertThat(byCampaignAndStatus.status()).isEqualTo(404);
    }

    /** Every read of A's jobs and media a client can make with a key. */
    private List<String> readPathsOfA() {
        return List.of(
                "/api/v2/jobs/" + imageJobOfA,
                "/api/v2/jobs/" + videoJobOfA,
                "/api/v2/jobs/" + childOfA,
                "/api/images/" + imageOfA,
                "/api/images/" + imageOfA + "/data",
                "/api/videos/" + videoOfA,
                "/api/videos/" + videoOfA + "/data",
                "/api/v2/jobs?campaign_id=" + campaignOfA,
                "/api/v2/campaigns/" + campaignOfA + "/generated-images",
                "/api/v2/campaigns/" + campaignOfA + "/generated-videos",
                "/api/v2/clients/" + a.clientId() + "/generated-images",
                "/api/v2/clients/" + a.clientId() + "/generated-videos");
    }

    private UUID submit(Tenant tenant, UUID campaign, String kind) {
        var reply = as(tenant).post("/api/v2/generate/" + kind, Map.of("campaign_id", campaign, "prompt", "a " + kind));
        assertThat(reply.status()).as("%s", reply).isEqualTo(202);
        return UUID.fromString(reply.json().path("job_id").asString());
    }

    private UUID finishImage(Tenant tenant, UUID campaign, UUID job) {
        var stored = new FileSystemMediaStore(MEDIA).put(png(16, 9), "image/png");
        UUID id = UUID.randomUUID();
        GatewayEnvironment.update(DB, """
                insert into generated_images (id, job_id, client_id, campaign_id, prompt, provider, content_type, bytes,
                                              width, height, sha256, storage_key)
                values (?, ?, ?, ?, 'a image', 'local', 'image/png', ?, 16, 9, ?, ?)
                """, id, job, tenant.clientId(), campaign, stored.bytes(), stored.sha256(), stored.key());
        GatewayEnvironment.update(DB, "update jobs set status = 'succeeded', result_id = ?, cost_usd = 0, "
                + "finished_at = now() where id = ?", id, job);
        return id;
    }

    private UUID finishVideo(Tenant tenant, UUID campaign, UUID job) {
        var stored = new FileSystemMediaStore(MEDIA).put("mp4 of A".repeat(50).getBytes(StandardCharsets.UTF_8), "video/mp4");
        UUID id = UUID.randomUUID();
        GatewayEnvironment.update(DB, """
                insert into generated_videos (id, job_id, client_id, campaign_id, prompt, provider, content_type, bytes,
                                              width, height, duration_ms, fps, sha256, storage_key)
                values (?, ?, ?, ?, 'a video', 'local', 'video/mp4', ?, 640, 360, 5000, 24, ?, ?)
                """, id, job, tenant.clientId(), campaign, stored.bytes(), stored.sha256(), stored.key());
        GatewayEnvironment.update(DB, "update jobs set status = 'succeeded', result_id = ?, cost_usd = 0, "
                + "finished_at = now() where id = ?", id, job);
        return id;
    }

    private static List<String> ids(GatewayClient.Reply list) {
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }
}
