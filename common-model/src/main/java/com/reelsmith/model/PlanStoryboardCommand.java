package com.reelsmith.model;

import java.time.Instant;
import java.util.UUID;

/**
 * Asks the studio worker to run a storyboard job: plan a storyboard from a brief, or refine one
 * with feedback. What to do is in the job row ({@link StoryboardJobInput}), as for images.
 */
public record PlanStoryboardCommand(UUID messageId, UUID jobId, UUID correlationId, Instant occurredAt,
                                    String type, int version) implements Message {

    public static final String TYPE = Routing.STORYBOARD_PLAN;

    public static PlanStoryboardCommand of(UUID jobId, UUID correlationId) {
        return new PlanStoryboardCommand(UUID.randomUUID(), jobId, correlationId, Instant.now(), TYPE, 1);
    }
}
