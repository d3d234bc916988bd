package com.reelsmith.platform.messaging;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C traceparent whose trace id is the job's correlation id, so every message, log line and
 * span of one job (and its saga children) share one trace id an operator can search for.
 */
final class Traceparent {

    private Traceparent() {
    }

    static String of(UUID correlationId) {
        String traceId = correlationId.toString().replace("-", "");
        String spanId = String.format("%016x", ThreadLocalRandom.current().nextLong());
        return "00-" + traceId + "-" + spanId + "-01";
    }
}
