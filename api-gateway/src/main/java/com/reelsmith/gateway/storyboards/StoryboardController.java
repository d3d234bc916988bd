package com.reelsmith.gateway.storyboards;

import com.reelsmith.gateway.system.Refuses;
import org.springframework.web.bind.annotation.ResponseStatus;
import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.campaigns.CampaignAccess;
import com.reelsmith.gateway.generation.JobSubmission;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.model.JobKind;
import com.reelsmith.model.StoryboardApproved;
import com.reelsmith.model.StoryboardJobInput;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.platform.storyboards.StoryboardConflict;
import com.reelsmith.platform.storyboards.StoryboardContent;
import com.reelsmith.platform.storyboards.StoryboardStatus;
import com.reelsmith.platform.storyboards.Storyboards;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Review of a storyboard: read it (any version, its history), change it (edit, add, remove,
 * reorder scenes; refine with feedback), and move it through review (submit, approve,
 * request-changes, reject). Every change names the version it was made from and is refused with
 * 409 when that is no longer the current one, so concurrent reviewers never overwrite each other.
 */
@RestController
class StoryboardController {

    record SceneBody(Integer version, String role, String description, String imagePrompt, String motionPrompt,
                     Integer durationS, String onScreenText, String voiceOver, String afterSceneId, String comment) {
        SceneEdits.SceneFields fields() {
            return new SceneEdits.SceneFields(role, description, imagePrompt, motionPrompt, durationS, onScreenText,
                    voiceOver);
        }
    }

    record ReorderBody(Integer version, List<String> sceneIds, String comment) {
    }

    record RefineBody(Integer version, String feedback) {
    }

    record ReviewBody(Integer version, String comment) {
    }

    record RefineAccepted(UUID jobId, String kind, String status, BigDecimal estimatedCostUsd,
                          Map<String, String> links) {
    }

    private final Storyboards storyboards;
    private final StoryboardViews views;
    private final Reviewers reviewers;
    private final StoryboardGuards guards;
    private final CampaignAccess campaigns;
    private final JobSubmission submission;
    private final TransactionTemplate transaction;
    private final Outbox outbox;

    StoryboardController(Storyboards storyboards, StoryboardViews views, Reviewers reviewers, StoryboardGuards guards,
                         CampaignAccess campaigns, JobSubmission submission, TransactionTemplate transaction,
                         Outbox outbox) {
        this.outbox = outbox;
        this.storyboards = storyboards;
        this.views = views;
        this.reviewers = reviewers;
        this.guards = guards;
        this.campaigns = campaigns;
        this.submission = submission;
        this.transaction = transaction;
    }

    @GetMapping("/api/v2/storyboards/{id}")
    StoryboardViews.StoryboardView get(Caller caller, @PathVariable UUID id) {
        var row = visible(caller, id);
        return views.of(row, row.currentVersion());
    }

    @GetMapping("/api/v2/storyboards/{id}/versions/{version}")
    StoryboardViews.StoryboardView version(Caller caller, @PathVariable UUID id, @PathVariable int version) {
        var row = visible(caller, id);
        if (version < 1 || version > row.currentVersion()) {
            throw ApiException.notFound("version", version);
        }
        return views.of(row, version);
    }

    @Refuses({409, 422})
    @PatchMapping("/api/v2/storyboards/{id}/scenes/{sceneId}")
    StoryboardViews.StoryboardView editScene(Caller caller, @PathVariable UUID id, @PathVariable String sceneId,
                                             @RequestBody SceneBody body) {
        guards.brandAllows(visible(caller, id), body);
        return change(caller, id, body.version(), "scene_edited", body.comment(), Map.of("scene_id", sceneId),
                content -> SceneEdits.edit(content, sceneId, body.fields()));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @Refuses({409, 422})
    @PostMapping("/api/v2/storyboards/{id}/scenes")
    ResponseEntity<StoryboardViews.StoryboardView> addScene(Caller caller, @PathVariable UUID id,
                                                            @RequestBody SceneBody body) {
        guards.brandAllows(visible(caller, id), body);
        var view = change(caller, id, body.version(), "scene_added", body.comment(),
                body.afterSceneId() == null ? Map.of() : Map.of("after_scene_id", body.afterSceneId()),
                content -> SceneEdits.add(content, body.afterSceneId(), body.fields()));
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    @Refuses({409, 422})
    @DeleteMapping("/api/v2/storyboards/{id}/scenes/{sceneId}")
    StoryboardViews.StoryboardView removeScene(Caller caller, @PathVariable UUID id, @PathVariable String sceneId,
                                               @RequestParam(required = false) Integer version,
                                               @RequestParam(required = false) String comment) {
        return change(caller, id, version, "scene_removed", comment, Map.of("scene_id", sceneId),
                content -> SceneEdits.remove(content, sceneId));
    }

    @Refuses({409, 422})
    @PostMapping("/api/v2/storyboards/{id}/reorder")
    StoryboardViews.StoryboardView reorder(Caller caller, @PathVariable UUID id, @RequestBody ReorderBody body) {
        return change(caller, id, body.version(), "scenes_reordered", body.comment(),
                body.sceneIds() == null ? Map.of() : Map.of("scene_ids", body.sceneIds()),
                content -> SceneEdits.reorder(content, body.sceneIds()));
    }

    /** 202: the planner makes the next version from the feedback (a storyboard job on the studio worker). */
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Refuses({409, 422})
    @PostMapping("/api/v2/storyboards/{id}/refine")
    ResponseEntity<RefineAccepted> refine(Caller caller, @PathVariable UUID id, @RequestBody RefineBody body) {
        var row = visible(caller, id);
        String feedback = guards.feedback(row, body.feedback());
        var campaign = campaigns.forNewWork(caller, row.campaignId());
        var actor = reviewers.of(caller);
        var job = conflicts(() -> transaction.execute(status -> {
            storyboards.countRefinement(id, body.version());
            var submitted = submission.submit(campaign, JobKind.STORYBOARD,
                    Map.of("storyboard_id", id, "feedback", feedback),
                    StoryboardJobInput.refine(id, feedback, actor.keyId(), actor.keyName()),
                    BigDecimal.ZERO.setScale(4), null);
            storyboards.note(id, "refine_requested", actor, feedback, Map.of("job_id", submitted.jobId()));
            return submitted;
        }));
        String self = "/api/v2/jobs/" + job.jobId();
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(self))
                .body(new RefineAccepted(job.jobId(), job.kind().wire(), job.status(), job.estimatedCostUsd(),
                        Map.of("self", self, "storyboard", "/api/v2/storyboards/" + id)));
    }

    @Refuses({409})
    @PostMapping("/api/v2/storyboards/{id}/submit")
    StoryboardViews.StoryboardView submit(Caller caller, @PathVariable UUID id, @RequestBody(required = false) ReviewBody body) {
        return move(caller, id, body, StoryboardStatus.IN_REVIEW, "submit", false);
    }

    @Refuses({402, 409})
    @PostMapping("/api/v2/storyboards/{id}/approve")
    StoryboardViews.StoryboardView approve(Caller caller, @PathVariable UUID id, @RequestBody(required = false) ReviewBody body) {
        return move(caller, id, body, StoryboardStatus.APPROVED, "approve", false);
    }

    @Refuses({409})
    @PostMapping("/api/v2/storyboards/{id}/request-changes")
    StoryboardViews.StoryboardView requestChanges(Caller caller, @PathVariable UUID id,
                                                  @RequestBody(required = false) ReviewBody body) {
        return move(caller, id, body, StoryboardStatus.CHANGES_REQUESTED, "request-changes", true);
    }

    @Refuses({409})
    @PostMapping("/api/v2/storyboards/{id}/reject")
    StoryboardViews.StoryboardView reject(Caller caller, @PathVariable UUID id, @RequestBody(required = false) ReviewBody body) {
        return move(caller, id, body, StoryboardStatus.REJECTED, "reject", true);
    }

    private StoryboardViews.StoryboardView move(Caller caller, UUID id, ReviewBody body, StoryboardStatus to,
                                                String action, boolean commentRequired) {
        var row = visible(caller, id);
        Integer version = body == null ? null : body.version();
        String comment = guards.comment(body == null ? null : body.comment(), commentRequired);
        if (to == StoryboardStatus.APPROVED && version == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "missing_field",
                    "version is required: say which version you approve (current: " + row.currentVersion() + ")",
                    "version");
        }
        var actor = reviewers.of(caller);
        var moved = conflicts(() -> transaction.execute(status -> {
            var after = storyboards.move(id, version, to, actor, action.replace('-', '_'), comment);
            if (to == StoryboardStatus.APPROVED) {
                guards.approved(after, caller);
                // the client's webhooks hear of it through the outbox, in the approval's own transaction
                outbox.publishEvent(StoryboardApproved.of(after.id(), after.clientId(), after.campaignId(),
                        after.approvedVersion()));
            }
            return after;
        }));
        return views.of(moved, moved.currentVersion());
    }

    /** One change: the content of {@code version}, changed, becomes the next version, if that is still the current one. */
    private StoryboardViews.StoryboardView change(Caller caller, UUID id, Integer version, String action, String comment,
                                                  Object detail, UnaryOperator<StoryboardContent> edit) {
        var row = visible(caller, id);
        if (version == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "missing_field", "version is required: the version you "
                    + "changed (current: " + row.currentVersion() + ")", "version");
        }
        String checkedComment = guards.comment(comment, false);
        var actor = reviewers.of(caller);
        int next = conflicts(() -> transaction.execute(status -> {
            var base = storyboards.version(id, version).orElseThrow(() -> new StoryboardConflict("stale_version",
                    "version " + version + " does not exist; the current version is " + row.currentVersion()));
            StoryboardContent changed = edit.apply(base.content());
            return storyboards.append(id, version, changed, guards.estimate(changed), actor, action, checkedComment,
                    detail);
        }));
        return views.of(storyboards.find(id).orElseThrow(), next);
    }

    private Storyboards.Row visible(Caller caller, UUID id) {
        return storyboards.find(id).filter(s -> caller.canSee(s.clientId()))
                .orElseThrow(() -> ApiException.notFound("storyboard", id));
    }

    private static <T> T conflicts(Supplier<T> work) {
        try {
            return work.get();
        } catch (StoryboardConflict e) {
            throw new ApiException(HttpStatus.CONFLICT, e.code(), e.getMessage(),
                    "stale_version".equals(e.code()) ? "version" : null);
        }
    }
}
