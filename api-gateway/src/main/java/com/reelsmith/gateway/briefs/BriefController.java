package com.reelsmith.gateway.briefs;

import com.reelsmith.gateway.system.Refuses;
import org.springframework.web.bind.annotation.ResponseStatus;
import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.campaigns.CampaignAccess;
import com.reelsmith.gateway.generation.JobSubmission;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.gateway.system.Cursor;
import com.reelsmith.gateway.system.Page;
import com.reelsmith.model.JobKind;
import com.reelsmith.model.MediaRef;
import com.reelsmith.model.StoryboardJobInput;
import com.reelsmith.platform.storyboards.Brief;
import com.reelsmith.platform.storyboards.Briefs;
import com.reelsmith.platform.storyboards.PlatformDefaults;
import com.reelsmith.platform.storyboards.Storyboards;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /campaigns/{id}/briefs: a creative brief, checked, with its platform's defaults filled in,
 * stored with its planning job (kind storyboard) and the job's command in one transaction; 202.
 * The studio worker plans it into a storyboard. GET /briefs/{id}, GET /campaigns/{id}/briefs.
 */
@RestController
class BriefController {

    record BriefBody(String text, String product, String audience, String keyMessage, String callToAction,
                     String platform, Integer durationS, String aspectRatio, String tone, List<UUID> assetIds,
                     List<UUID> imageIds) {
    }

    record Accepted(UUID id, UUID jobId, String kind, String status, BigDecimal estimatedCostUsd,
                    Map<String, String> links) {
    }

    private final CampaignAccess campaigns;
    private final BriefChecks checks;
    private final JobSubmission submission;
    private final Briefs briefs;
    private final Storyboards storyboards;
    private final BriefViews views;
    private final TransactionTemplate transaction;

    BriefController(CampaignAccess campaigns, BriefChecks checks, JobSubmission submission, Briefs briefs,
                    Storyboards storyboards, BriefViews views, TransactionTemplate transaction) {
        this.campaigns = campaigns;
        this.checks = checks;
        this.submission = submission;
        this.briefs = briefs;
        this.storyboards = storyboards;
        this.views = views;
        this.transaction = transaction;
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @Refuses({402, 409, 422})
    @PostMapping("/api/v2/campaigns/{id}/briefs")
    ResponseEntity<Accepted> create(Caller caller, @PathVariable UUID id, @RequestBody BriefBody body) {
        var campaign = campaigns.forNewWork(caller, id);
        List<String> defaulted = new ArrayList<>();
        String platform = body.platform() == null ? defaulted(defaulted, "platform", "custom")
                : checks.oneOf("platform", body.platform(), PlatformDefaults.PLATFORMS);
        var format = PlatformDefaults.of(platform);
        int duration = body.durationS() == null ? defaulted(defaulted, "duration_s", format.durationS())
                : checks.duration(body.durationS());
        String ratio = body.aspectRatio() == null ? defaulted(defaulted, "aspect_ratio", format.aspectRatio())
                : checks.oneOf("aspect_ratio", body.aspectRatio(), PlatformDefaults.ASPECT_RATIOS);
        List<MediaRef> references = checks.references(campaign.clientId(), body.assetIds(), body.imageIds());
        UUID briefId = UUID.randomUUID();
        var brief = new Brief(briefId, campaign.clientId(), campaign.id(), checks.text("text", body.text(), 5000, true),
                checks.text("product", body.product(), 300, false), checks.text("audience", body.audience(), 500, false),
                checks.text("key_message", body.keyMessage(), 500, false),
                checks.text("call_to_action", body.callToAction(), 200, false), platform, duration, ratio,
                checks.text("tone", body.tone(), 200, false), references);
        checks.brandAllows(campaign.clientId(), brief);
        var job = transaction.execute(status -> {
            var submitted = submission.submit(campaign, JobKind.STORYBOARD, brief, StoryboardJobInput.plan(briefId),
                    BigDecimal.ZERO.setScale(4), null);
            briefs.insert(brief, defaulted, submitted.jobId(), caller.keyId());
            return submitted;
        });
        String self = "/api/v2/briefs/" + briefId;
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(self))
                .body(new Accepted(briefId, job.jobId(), job.kind().wire(), job.status(), job.estimatedCostUsd(),
                        Map.of("self", self, "job", "/api/v2/jobs/" + job.jobId())));
    }

    @GetMapping("/api/v2/briefs/{id}")
    BriefViews.BriefView get(Caller caller, @PathVariable UUID id) {
        var row = briefs.find(id).filter(b -> caller.canSee(b.brief().clientId()))
                .orElseThrow(() -> ApiException.notFound("brief", id));
        return views.of(row);
    }

    @GetMapping("/api/v2/campaigns/{id}/briefs")
    Page<BriefViews.BriefView> list(Caller caller, @PathVariable UUID id, @RequestParam(required = false) Integer limit,
                                    @RequestParam(required = false) String cursor) {
        campaigns.visible(caller, id);
        int n = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        return Page.of(briefs.ofCampaign(id, after.createdAt(), after.id(), n + 1), n,
                b -> new Cursor(b.createdAt(), b.brief().id())).map(views::of);
    }

    private static <T> T defaulted(List<String> defaulted, String field, T value) {
        defaulted.add(field);
        return value;
    }
}
