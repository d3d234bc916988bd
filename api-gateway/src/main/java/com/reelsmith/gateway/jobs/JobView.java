package com.reelsmith.gateway.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.reelsmith.gateway.media.MediaView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A job as clients see it (shape in DESIGN.md): status, progress, error, children and result;
 * {@code effective_prompt}: the prompt as sent to the model, the client's brand guidelines included.
 * A production (kind {@code ad}) also shows {@code scenes_total} and {@code scenes_completed}.
 */
record JobView(UUID id, String kind, String status, UUID campaignId, UUID parentJobId, int attempts, int progress,
               String currentStage, String effectivePrompt, Error error, List<JobQueries.ChildRow> children, MediaView result,
               BigDecimal estimatedCostUsd, BigDecimal costUsd, Instant createdAt, Instant startedAt,
               Instant finishedAt, Map<String, String> links,
               @JsonInclude(JsonInclude.Include.NON_NULL) Integer scenesTotal,
               @JsonInclude(JsonInclude.Include.NON_NULL) Integer scenesCompleted) {

    record Error(String code, String message) {
    }
}
