package com.reelsmith.gateway.storyboards;

import com.reelsmith.platform.storyboards.CreativeDirection;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.Storyboards;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A storyboard as clients see it: one version's direction and scenes, its state, estimate and history. */
@Component
class StoryboardViews {

    record HistoryView(int version, String action, UUID keyId, String keyName, String comment, JsonNode detail,
                       Instant at) {
    }

    record StoryboardView(UUID id, UUID briefId, UUID campaignId, String status, int version, int currentVersion,
                          Integer approvedVersion, int refinements, int refinementsLeft, CreativeDirection direction,
                          List<Scene> scenes, int totalDurationS, BigDecimal estimatedCostUsd, JsonNode estimate,
                          List<PreviewView> previews, List<HistoryView> history, Instant createdAt, Instant updatedAt,
                          Map<String, String> links) {
    }

    /** A scene's current keyframe preview: an ordinary image job, and its image once done. */
    record PreviewView(String sceneId, UUID jobId, String status, int version, boolean approved, UUID imageId,
                       Map<String, String> links) {
    }

    private final Storyboards storyboards;
    private final ObjectMapper json;
    private final PreviewQueries previews;

    StoryboardViews(Storyboards storyboards, ObjectMapper json, PreviewQueries previews) {
        this.storyboards = storyboards;
        this.json = json;
        this.previews = previews;
    }

    StoryboardView of(Storyboards.Row row, int versionNumber) {
        var version = storyboards.version(row.id(), versionNumber).orElseThrow();
        var history = storyboards.history(row.id()).stream().map(h -> new HistoryView(h.version(), h.action(), h.keyId(),
                h.keyName(), h.comment(), h.detail() == null ? null : json.readTree(h.detail()), h.createdAt())).toList();
        Map<String, String> links = new LinkedHashMap<>();
        String self = "/api/v2/storyboards/" + row.id();
        links.put("self", self);
        links.put("version", self + "/versions/" + versionNumber);
        links.put("brief", "/api/v2/briefs/" + row.briefId());
        links.put("refine", self + "/refine");
        links.put("previews", self + "/previews");
        links.put("submit", self + "/submit");
        links.put("approve", self + "/approve");
        return new StoryboardView(row.id(), row.briefId(), row.campaignId(), row.status(), versionNumber,
                row.currentVersion(), row.approvedVersion(), row.refinements(),
                Storyboards.MAX_REFINEMENTS - row.refinements(), version.content().direction(), version.content().scenes(),
                version.content().totalDurationS(), version.estimatedCostUsd(),
                version.estimate() == null ? null : json.readTree(version.estimate()), previews.current(row.id()),
                history, row.createdAt(), row.updatedAt(), links);
    }
}
