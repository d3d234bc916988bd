package com.reelsmith.gateway.jobs;

import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.campaigns.CampaignAccess;
import com.reelsmith.gateway.media.MediaLinks;
import com.reelsmith.gateway.media.MediaQueries;
import com.reelsmith.gateway.media.MediaView;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.gateway.system.Cursor;
import com.reelsmith.gateway.system.Page;
import com.reelsmith.gateway.system.Refuses;
import com.reelsmith.model.JobFinished;
import com.reelsmith.model.JobKind;
import com.reelsmith.model.JobStatus;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.messaging.Outbox;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class JobController {

    private final JobQueries jobs;
    private final JobTransitions transitions;
    private final MediaQueries media;
    private final MediaLinks links;
    private final CampaignAccess campaigns;
    private final PredictionCancels predictions;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final JobEventHub hub;

    JobController(JobQueries jobs, JobTransitions transitions, MediaQueries media, MediaLinks links,
                  CampaignAccess campaigns, PredictionCancels predictions, Outbox outbox, TransactionTemplate transaction, JobEventHub hub) {
        this.hub = hub;
        this.outbox = outbox;
        this.transaction = transaction;
        this.predictions = predictions;
        this.jobs = jobs;
        this.transitions = transitions;
        this.media = media;
        this.links = links;
        this.campaigns = campaigns;
    }

    @GetMapping("/api/v2/jobs/{id}")
    JobView get(Caller caller, @PathVariable UUID id) {
        return view(visible(caller, id), true);
    }

    /** Cancels the job and its unfinished children; a worker finishing it later finds it gone and drops its result. */
    @Refuses({409})
    @PostMapping("/api/v2/jobs/{id}/cancel")
    JobView cancel(Caller caller, @PathVariable UUID id) {
        var job = visible(caller, id);
        // the event in the cancel's own transaction: the client's webhooks and live streams hear of it
        List<UUID> canceled = transaction.execute(tx -> {
            List<UUID> ids = transitions.cancel(id).stream().map(JobTransitions.Canceled::id).toList();
            if (ids.contains(id)) {
                outbox.publishEvent(JobFinished.canceled(JobKind.fromWire(job.kind()), id, jobs.correlationOf(id),
                        job.parentJobId()));
            }
            return ids;
        });
        if (canceled.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, "job_finished",
                    "the job is already " + job.status() + " and cannot be canceled", null);
        }
        predictions.cancelPredictionsOf(canceled);
        return view(jobs.find(id).orElseThrow(), true);
    }

    /**
     * The job's life as Server-Sent Events: status (first, the current state), progress, stage,
     * and done when it is terminal, which ends the stream. include_children=true: its children's
     * events too (a video's start image, a production's scenes), each naming its job_id.
     */
    @ApiResponse(responseCode = "200", description = "Server-Sent Events: status (first), progress, stage, done (last);"
            + " each data is a JSON object naming its job_id",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = "string")))
    @GetMapping(path = "/api/v2/jobs/{id}/events", produces = "text/event-stream")
    SseEmitter events(Caller caller, @PathVariable UUID id,
                      @RequestParam(name = "include_children", required = false) Boolean includeChildren) {
        visible(caller, id);
        return hub.open(id, Boolean.TRUE.equals(includeChildren));
    }

    @GetMapping("/api/v2/jobs")
    Page<JobView> list(Caller caller, @RequestParam(required = false) String status,
                       @RequestParam(name = "campaign_id", required = false) UUID campaignId,
                       @RequestParam(required = false) String kind, @RequestParam(required = false) Integer limit,
                       @RequestParam(required = false) String cursor) {
        if (status != null && Arrays.stream(JobStatus.values()).noneMatch(s -> s.wire().equals(status))) {
            throw ApiException.invalid("status", "status must be one of " + Arrays.stream(JobStatus.values())
                    .map(JobStatus::wire).collect(Collectors.joining(", ")));
        }
        if (kind != null && !List.of("image", "video", "storyboard", "ad", "export").contains(kind)) {
            throw ApiException.invalid("kind", "kind must be image, video, storyboard, ad or export");
        }
        if (campaignId != null) {
            campaigns.visible(caller, campaignId);
        }
        int n = Cursor.limit(limit);
        UUID scope = caller.isAdmin() ? null : caller.clientId();
        Page<JobQueries.JobRow> page = Page.of(jobs.list(scope, campaignId, status, kind, Cursor.decode(cursor), n), n,
                j -> new Cursor(j.createdAt(), j.id()));
        Map<UUID, MediaQueries.MediaRow> results = new HashMap<>();
        for (String mediaKind : List.of("images", "videos")) {
            results.putAll(media.findAll(mediaKind, page.items().stream().filter(j -> mediaKind.equals(mediaKindOf(j)))
                    .map(JobQueries.JobRow::resultId).filter(Objects::nonNull).toList()));
        }
        return page.map(j -> view(j, false, j.resultId() == null ? null : results.get(j.resultId())));
    }

    private JobQueries.JobRow visible(Caller caller, UUID id) {
        return jobs.find(id).filter(j -> caller.canSee(j.clientId()))
                .orElseThrow(() -> ApiException.notFound("job", id));
    }

    private JobView view(JobQueries.JobRow job, boolean withChildren) {
        return view(job, withChildren, job.resultId() == null || mediaKindOf(job) == null ? null
                : media.find(mediaKindOf(job), job.resultId()).orElse(null));
    }

    /** images or videos; null for a storyboard job, whose result is a storyboard (linked), not media. */
    private static String mediaKindOf(JobQueries.JobRow job) {
        return switch (job.kind()) {
            case "video" -> "videos";
            case "image" -> "images";
            default -> null;
        };
    }

    /** In lists, children are left out (one query per row would make a page slow); GET /jobs/{id} has them. */
    private JobView view(JobQueries.JobRow job, boolean withChildren, MediaQueries.MediaRow resultRow) {
        String mediaKind = mediaKindOf(job);
        boolean storyboard = "storyboard".equals(job.kind());
        MediaView result = resultRow == null || mediaKind == null ? null : MediaView.of(mediaKind, resultRow, links);
        Map<String, String> jobLinks = new LinkedHashMap<>();
        if (storyboard && job.resultId() != null) {
            jobLinks.put("storyboard", "/api/v2/storyboards/" + job.resultId());
        }
        boolean production = "ad".equals(job.kind());
        if (production && job.resultId() != null) {
            jobLinks.put("ad", "/api/v2/ads/" + job.resultId());
        }
        if (production && "failed".equals(job.status())) {
            jobLinks.put("retry_scene", "/api/v2/jobs/" + job.id() + "/retry-scene");
        }
        var scenes = production ? jobs.sceneProgress(job.id()).orElse(null) : null;
        jobLinks.put("self", "/api/v2/jobs/" + job.id());
        jobLinks.put("cancel", "/api/v2/jobs/" + job.id() + "/cancel");
        if (job.parentJobId() != null) {
            jobLinks.put("parent", "/api/v2/jobs/" + job.parentJobId());
        }
        return new JobView(job.id(), job.kind(), job.status(), job.campaignId(), job.parentJobId(), job.attempts(),
                job.progress(), job.currentStage(), job.effectivePrompt(),
                job.errorCode() == null ? null : new JobView.Error(job.errorCode(), job.errorMessage()),
                withChildren ? jobs.children(job.id()) : null, result, job.estimatedCostUsd(), job.costUsd(),
                job.createdAt(), job.startedAt(), job.finishedAt(), jobLinks,
                scenes == null ? null : scenes.scenesTotal(), scenes == null ? null : scenes.scenesCompleted());
    }
}
