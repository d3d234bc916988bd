package com.reelsmith.model;

import java.time.Instant;
import java.util.UUID;

/** Asks the studio worker to run an export job: what to render is in the job row ({@link ExportJobInput}). */
public record ExportAdCommand(UUID messageId, UUID jobId, UUID correlationId, Instant occurredAt,
                              String type, int version) implements Message {

    public static final String TYPE = Routing.AD_EXPORT;

    public static ExportAdCommand of(UUID jobId, UUID correlationId) {
        return new ExportAdCommand(UUID.randomUUID(), jobId, correlationId, Instant.now(), TYPE, 1);
    }
}
