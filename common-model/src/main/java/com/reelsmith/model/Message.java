package com.reelsmith.model;

import java.time.Instant;
import java.util.UUID;

/** What every message carries, whatever its type. */
public interface Message {

    UUID messageId();

    UUID jobId();

    UUID correlationId();

    Instant occurredAt();

    /** The routing key doubles as the type name, e.g. {@code image.generate}. */
    String type();

    int version();
}
