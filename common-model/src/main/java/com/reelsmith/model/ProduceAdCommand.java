package com.reelsmith.model;

import java.time.Instant;
import java.util.UUID;

/** Asks the studio worker to run a production (an ad job): its storyboard and scenes are in the production's rows. */
public record ProduceAdCommand(UUID messageId, UUID jobId, UUID correlationId, Instant occurredAt,
                               String type, int version) implements Message {

    public static final String TYPE = Routing.AD_PRODUCE;

    public static ProduceAdCommand of(UUID jobId, UUID correlationId) {
        return new ProduceAdCommand(UUID.randomUUID(), jobId, correlationId, Instant.now(), TYPE, 1);
    }
}
