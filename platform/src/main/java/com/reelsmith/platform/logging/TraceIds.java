package com.reelsmith.platform.logging;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * One trace id from the HTTP request to the last worker: the gateway takes it from the client's
 * W3C {@code traceparent} or makes one, logs it ({@code trace_id} in the MDC), and gives the job
 * it accepts that id as its correlation id; the outbox sends it on as the message's traceparent
 * and the workers log it again for every line of the job's work ({@code JobLog}). So
 * {@code grep <trace id>} over the three services' logs follows one request.
 */
public final class TraceIds {

    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";

    private static final Pattern TRACEPARENT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$");

    private TraceIds() {
    }

    /** The trace id a traceparent names, if it is a valid one (not all zeros). */
    public static Optional<String> fromTraceparent(String traceparent) {
        if (traceparent == null) {
            return Optional.empty();
        }
        var match = TRACEPARENT.matcher(traceparent.trim());
        if (!match.matches() || match.group(1).chars().allMatch(c -> c == '0')) {
            return Optional.empty();
        }
        return Optional.of(match.group(1));
    }

    public static String newTraceId() {
        return hex(ThreadLocalRandom.current().nextLong()) + hex(ThreadLocalRandom.current().nextLong());
    }

    public static String newSpanId() {
        return hex(ThreadLocalRandom.current().nextLong());
    }

    /** A correlation id is a trace id written as a UUID, and the other way round. */
    public static String of(UUID correlationId) {
        return correlationId.toString().replace("-", "");
    }

    public static UUID correlationIdOf(String traceId) {
        return new UUID(Long.parseUnsignedLong(traceId.substring(0, 16), 16), Long.parseUnsignedLong(traceId.substring(16), 16));
    }

    /** For a job accepted now: the current request's trace, or a new one outside a request. */
    public static UUID correlationIdForNewJob() {
        String current = MDC.get(TRACE_ID);
        return current != null && current.length() == 32 ? correlationIdOf(current) : UUID.randomUUID();
    }

    private static String hex(long value) {
        return String.format("%016x", value);
    }
}
