package com.reelsmith.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A job reached a terminal state: {@code image.succeeded}, {@code image.failed},
 * {@code video.succeeded}, {@code video.failed} (and {@code <kind>.canceled} when the client cancels). Carries the parent job, so a saga waiting on a
 * child can find itself without another query.
 */
public record JobFinished(UUID messageId, UUID jobId, UUID correlationId, Instant occurredAt,
                          String type, int version, UUID parentJobId, UUID resultId,
                          String errorCode, String errorMessage) implements Message {

    public static JobFinished succeeded(JobKind kind, UUID jobId, UUID correlationId, UUID parentJobId, UUID resultId) {
        return new JobFinished(UUID.randomUUID(), jobId, correlationId, Instant.now(),
                kind.wire() + ".succeeded", 1, parentJobId, resultId, null, null);
    }

    public static JobFinished failed(JobKind kind, UUID jobId, UUID correlationId, UUID parentJobId,
                                     String errorCode, String errorMessage) {
        return new JobFinished(UUID.randomUUID(), jobId, correlationId, Instant.now(),
                kind.wire() + ".failed", 1, parentJobId, null, errorCode, errorMessage);
    }

    /** The client canceled the job ({@code <kind>.canceled}); no saga listens, client webhooks and live streams do. */
    public static JobFinished canceled(JobKind kind, UUID jobId, UUID correlationId, UUID parentJobId) {
        return new JobFinished(UUID.randomUUID(), jobId, correlationId, Instant.now(),
                kind.wire() + ".canceled", 1, parentJobId, null, "canceled", "canceled by the client");
    }

    public boolean endedInSuccess() {
        return type.endsWith(".succeeded");
    }
}
