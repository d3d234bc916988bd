package com.reelsmith.model;

import java.time.Instant;
import java.util.UUID;

/**
 * Asks the image worker to run an image job. The job row in Postgres holds the input; the
 * command only names the job, so a redelivered command can never disagree with the row.
 */
public record GenerateImageCommand(UUID messageId, UUID jobId, UUID correlationId, Instant occurredAt,
                                   String type, int version) implements Message {

    public static final String TYPE = Routing.IMAGE_GENERATE;

    public static GenerateImageCommand of(UUID jobId, UUID correlationId) {
        return new GenerateImageCommand(UUID.randomUUID(), jobId, correlationId, Instant.now(), TYPE, 1);
    }
}
