package com.reelsmith.model;

import java.util.UUID;

/**
 * The input of a production (an ad job), as stored in {@code jobs.input}: the storyboard version it
 * makes. {@code retryOf}: the failed production whose finished scene clips it adopts.
 */
public record ProductionJobInput(UUID storyboardId, int version, UUID retryOf, String retrySceneId) {
}
