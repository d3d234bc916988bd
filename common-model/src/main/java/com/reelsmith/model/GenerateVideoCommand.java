package com.reelsmith.model;

import java.time.Instant;
import java.util.UUID;

/** Asks the video worker to run a video job (input in the job row, as for images). */
public record GenerateVideoCommand(UUID messageId, UUID jobId, UUID correlationId, Instant occurredAt,
                                   String type, int version) implements Message {

    public static final String TYPE = Routing.VIDEO_GENERATE;

    public static GenerateVideoCommand of(UUID jobId, UUID correlationId) {
        return new GenerateVideoCommand(UUID.randomUUID(), jobId, correlationId, Instant.now(), TYPE, 1);
    }
}
