package com.reelsmith.gateway.storyboards;

import com.reelsmith.gateway.system.Refuses;
import org.springframework.web.bind.annotation.ResponseStatus;
import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.campaigns.CampaignAccess;
import com.reelsmith.gateway.generation.JobSubmission;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.model.ImageJobInput;
import com.reelsmith.model.JobKind;
import com.reelsmith.platform.brand.BrandBook;
import com.reelsmith.platform.pricing.PriceTable;
import com.reelsmith.platform.storyboards.Briefs;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.StoryboardStatus;
import com.reelsmith.platform.storyboards.Storyboards;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Keyframe previews, so reviewers look at pictures before any video is paid for: one ordinary
 * image job per scene (through the outbox like any generation, priced and held to the budget),
 * made from the scene's image prompt (the brand's guidelines in it) at the storyboard's frame, the
 * brief's first reference image as the reference. A scene's preview can be made again alone; the
 * newest per scene is its current preview, and approving the storyboard approves those.
 */
@RestController
class PreviewController {

    record PreviewBody(List<String> sceneIds) {
    }

    record Started(String sceneId, UUID jobId, String status, BigDecimal estimatedCostUsd) {
    }

    record Accepted(UUID storyboardId, int version, List<Started> previews, BigDecimal estimatedCostUsd,
                    Map<String, String> links) {
    }

    private final Storyboards storyboards;
    private final Briefs briefs;
    private final CampaignAccess campaigns;
    private final JobSubmission submission;
    private final Reviewers reviewers;
    private final BrandBook brand;
    private final PriceTable prices;
    private final boolean free;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    PreviewController(Storyboards storyboards, Briefs briefs, CampaignAccess campaigns, JobSubmission submission,
                      Reviewers reviewers, BrandBook brand, PriceTable prices,
                      @Value("${reelsmith.provider.name:local}") String provider, JdbcClient jdbc,
                      TransactionTemplate transaction) {
        this.storyboards = storyboards;
        this.briefs = briefs;
        this.campaigns = campaigns;
        this.submission = submission;
        this.reviewers = reviewers;
        this.brand = brand;
        this.prices = prices;
        this.free = "local".equals(provider);
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @Refuses({402, 409, 422})
    @PostMapping("/api/v2/storyboards/{id}/previews")
    ResponseEntity<Accepted> previews(Caller caller, @PathVariable UUID id, @RequestBody(required = false) PreviewBody body) {
        return start(caller, id, body == null ? null : body.sceneIds());
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @Refuses({402, 409, 422})
    @PostMapping("/api/v2/storyboards/{id}/scenes/{sceneId}/preview")
    ResponseEntity<Accepted> regenerate(Caller caller, @PathVariable UUID id, @PathVariable String sceneId) {
        return start(caller, id, List.of(sceneId));
    }

    private ResponseEntity<Accepted> start(Caller caller, UUID id, List<String> sceneIds) {
        var row = storyboards.find(id).filter(s -> caller.canSee(s.clientId()))
                .orElseThrow(() -> ApiException.notFound("storyboard", id));
        if (row.state() == StoryboardStatus.APPROVED || row.state() == StoryboardStatus.REJECTED) {
            throw new ApiException(HttpStatus.CONFLICT, "invalid_state", "the storyboard is " + row.status()
                    + "; previews are made while it is drafted or reviewed", null);
        }
        var content = storyboards.version(id, row.currentVersion()).orElseThrow().content();
        List<Scene> scenes = scenesToPreview(content.scenes(), sceneIds);
        var brief = briefs.find(row.briefId()).orElseThrow().brief();
        var reference = brief.references().isEmpty() ? null : brief.references().get(0);
        var guidelines = brand.of(row.clientId());
        var campaign = campaigns.forNewWork(caller, row.campaignId());
        var actor = reviewers.of(caller);
        String ratio = content.direction().aspectRatio();
        List<Started> started = transaction.execute(status -> {
            List<Started> jobs = new ArrayList<>();
            for (Scene scene : scenes) {
                var input = new ImageJobInput(scene.imagePrompt(), ratio, "png", reference,
                        ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE), guidelines.applyTo(scene.imagePrompt()));
                var job = submission.submit(campaign, JobKind.IMAGE, input, input, prices.image(free), null);
                jdbc.sql("""
                        insert into storyboard_previews (job_id, storyboard_id, scene_id, version)
                        values (:jobId, :storyboardId, :sceneId, :version)
                        """).param("jobId", job.jobId()).param("storyboardId", id).param("sceneId", scene.id())
                        .param("version", row.currentVersion()).update();
                jobs.add(new Started(scene.id(), job.jobId(), job.status(), job.estimatedCostUsd()));
            }
            storyboards.note(id, "previews_requested", actor, null, Map.of("scene_ids",
                    jobs.stream().map(Started::sceneId).toList(), "job_ids", jobs.stream().map(Started::jobId).toList()));
            return jobs;
        });
        BigDecimal total = started.stream().map(Started::estimatedCostUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(id, row.currentVersion(), started, total,
                Map.of("storyboard", "/api/v2/storyboards/" + id)));
    }

    private static List<Scene> scenesToPreview(List<Scene> scenes, List<String> sceneIds) {
        if (sceneIds == null || sceneIds.isEmpty()) {
            return scenes;
        }
        List<Scene> chosen = new ArrayList<>();
        for (String sceneId : sceneIds) {
            chosen.add(scenes.stream().filter(s -> s.id().equals(sceneId)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("scene", sceneId)));
        }
        return chosen;
    }
}
