package com.reelsmith.platform.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C traceparent whose trace id is the job's correlation id, so every message, log line and
 * span of one job (and its saga children) share one trace id an operator can search for. Written
 * inside the span of the work that sends the message (the gateway's HTTP request, a worker's
 * consumed message), it names that span as the parent, so the consumer's span is its child; the
 * relay publishes the row later, from another thread, with this header as it was written.
 */
final class Traceparent {

    private Traceparent() {
    }

    static String of(UUID correlationId) {
        String traceId = correlationId.toString().replace("-", "");
        SpanContext current = Span.current().getSpanContext();
        if (current.isValid() && current.getTraceId().equals(traceId)) {
            return "00-" + traceId + "-" + current.getSpanId() + "-" + current.getTraceFlags().asHex();
        }
        // outside any span of this trace (a sweeper re-sending, a retry of an old job): same trace, no parent span
        String spanId = String.format("%016x", ThreadLocalRandom.current().nextLong() | 1L);
        return "00-" + traceId + "-" + spanId + "-01";
    }
}
