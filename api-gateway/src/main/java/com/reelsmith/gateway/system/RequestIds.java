package com.reelsmith.gateway.system;

import com.reelsmith.platform.logging.TraceIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request gets a request id (the client's {@code X-Request-Id} when it is a sane one, else
 * a new one) and a trace id (from the client's W3C {@code traceparent}, else a new one), both on
 * every log line of the request (MDC), both sent back ({@code X-Request-Id}, {@code X-Trace-Id}),
 * and the request id in every error body: what an operator greps the logs for. A job accepted by
 * the request carries the trace id on as its correlation id ({@link TraceIds}).
 * <p>The trace id is the one of the request's span: Boot's HTTP observation filter (ordered
 * just before this one) starts it, continuing the client's {@code traceparent} when there is
 * one, so {@code X-Trace-Id}, the job's correlation id, the outbox's {@code traceparent} and
 * the exported spans all name one trace. Without a span (tracing off), the same rule by hand.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class RequestIds extends OncePerRequestFilter {

    public static final String REQUEST_ID = "request_id";
    public static final String HEADER = "X-Request-Id";

    /** What we accept from a client: short, printable, nothing that could forge a log line. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String requestId = given != null && SANE.matcher(given).matches() ? given : "req_" + TraceIds.newSpanId();
        SpanContext span = Span.current().getSpanContext();
        String traceId = span.isValid() ? span.getTraceId()
                : TraceIds.fromTraceparent(request.getHeader("traceparent")).orElseGet(TraceIds::newTraceId);
        MDC.put(REQUEST_ID, requestId);
        MDC.put(TraceIds.TRACE_ID, traceId);
        MDC.put(TraceIds.SPAN_ID, span.isValid() ? span.getSpanId() : TraceIds.newSpanId());
        response.setHeader(HEADER, requestId);
        response.setHeader("X-Trace-Id", traceId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(REQUEST_ID);
            MDC.remove(TraceIds.TRACE_ID);
            MDC.remove(TraceIds.SPAN_ID);
        }
    }
}
