package com.reelsmith.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A reviewer approved a storyboard ({@code storyboard.approved}): the client's webhooks hear of
 * it. No job is involved, so {@code jobId} is null.
 */
public record StoryboardApproved(UUID messageId, UUID jobId, UUID correlationId, Instant occurredAt, String type,
                                 int version, UUID storyboardId, UUID clientId, UUID campaignId, int approvedVersion)
        implements Message {

    public static final String TYPE = "storyboard.approved";

    public static StoryboardApproved of(UUID storyboardId, UUID clientId, UUID campaignId, int approvedVersion) {
        return new StoryboardApproved(UUID.randomUUID(), null, storyboardId, Instant.now(), TYPE, 1, storyboardId,
                clientId, campaignId, approvedVersion);
    }
}
