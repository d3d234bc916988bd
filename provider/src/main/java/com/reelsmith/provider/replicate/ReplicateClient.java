package com.reelsmith.provider.replicate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replicate's HTTP API for official models: create, read and cancel predictions, and fetch the
 * webhook signing secret. Failures become {@link ReplicateException}s classified for retrying:
 * 429, 5xx, timeouts and connection errors are retryable (with Retry-After when given); 4xx are not.
 */
public class ReplicateClient {

    private static final Pattern RESETS_IN = Pattern.compile("resets in ~?(\\d+)s");

    private final ReplicateSettings settings;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    public ReplicateClient(ReplicateSettings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
    }

    /** {@code POST /v1/models/{owner}/{name}/predictions}; the webhook (nullable) gets start and completed events. */
    public Prediction create(String model, Map<String, Object> input, String webhookUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("input", input);
        if (webhookUrl != null) {
            body.put("webhook", webhookUrl);
            body.put("webhook_events_filter", List.of("start", "completed"));
        }
        return Prediction.from(send(request("/v1/models/" + model + "/predictions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build()));
    }

    public Prediction get(String predictionId) {
        return Prediction.from(send(request("/v1/predictions/" + predictionId).GET().build()));
    }

    public Prediction cancel(String predictionId) {
        return Prediction.from(send(request("/v1/predictions/" + predictionId + "/cancel")
                .POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    /** The account's webhook signing secret ({@code whsec_…}), when REPLICATE_WEBHOOK_SECRET is not configured. */
    public String webhookSigningSecret() {
        return send(request("/v1/webhooks/default/secret").GET().build()).path("key").asString();
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(settings.baseUrl().toString().replaceAll("/+$", "") + path))
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + settings.apiToken())
                .header("Accept", "application/json");
        // the job's trace continues into the provider's HTTP call: the current span (the worker's
        // provider span) as parent when there is one, else the trace JobLog put in the MDC
        var span = io.opentelemetry.api.trace.Span.current().getSpanContext();
        String traceId = org.slf4j.MDC.get("trace_id");
        if (span.isValid()) {
            builder.header("traceparent", "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
        } else if (traceId != null && traceId.matches("[0-9a-f]{32}")) {
            builder.header("traceparent", "00-" + traceId + "-"
                    + String.format("%016x", java.util.concurrent.ThreadLocalRandom.current().nextLong() | 1L) + "-01");
        }
        return builder;
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ReplicateException("provider_unavailable", "Replicate did not answer within "
                    + settings.timeout().toSeconds() + " s; will retry", true, 0, null, e);
        } catch (IOException e) {
            throw new ReplicateException("provider_unavailable", "cannot reach Replicate (" + e.getClass().getSimpleName()
                    + "); will retry", true, 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicateException("provider_unavailable", "interrupted while calling Replicate", true, 0, null, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return json.readTree(response.body());
        }
        throw failure(status, response);
    }

    private ReplicateException failure(int status, HttpResponse<String> response) {
        String detail = detailOf(response.body());
        if (status == 429) {
            Duration wait = retryAfter(response, detail);
            return new ReplicateException("provider_rate_limited", "Replicate is throttling requests"
                    + (wait == null ? "" : "; retrying in " + wait.toSeconds() + " s"), true, status, wait, null);
        }
        if (status >= 500) {
            return new ReplicateException("provider_unavailable", "Replicate answered " + status + "; will retry", true,
                    status, null, null);
        }
        if (status == 401 || status == 403) {
            return new ReplicateException("provider_auth_failed",
                    "Replicate refused the API token (" + status + "); check REPLICATE_API_TOKEN", false, status, null, null);
        }
        if (status == 404) {
            return new ReplicateException("prediction_not_found", "Replicate knows no such prediction or model", false,
                    status, null, null);
        }
        return new ReplicateException("invalid_input", "Replicate refused the request (" + status + "): " + detail, false,
                status, null, null);
    }

    private String detailOf(String body) {
        try {
            JsonNode node = json.readTree(body);
            String detail = node.path("detail").asString("");
            return detail.isEmpty() ? node.path("title").asString(body) : detail;
        } catch (RuntimeException e) {
            return body == null ? "" : body.substring(0, Math.min(300, body.length()));
        }
    }

    /** Retry-After as seconds or an HTTP date; else a JSON retry_after; else "resets in ~30s" in the detail. */
    private Duration retryAfter(HttpResponse<String> response, String detail) {
        var header = response.headers().firstValue("Retry-After");
        if (header.isPresent()) {
            String value = header.get().trim();
            if (value.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(value));
            }
            try {
                var at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Duration.ofSeconds(Math.max(1, Duration.between(java.time.Instant.now(), at).toSeconds()));
            } catch (RuntimeException ignored) {
                // not a date either: look in the body
            }
        }
        try {
            JsonNode retry = json.readTree(response.body()).path("retry_after");
            if (retry.isNumber()) {
                return Duration.ofSeconds(Math.max(1, (long) Math.ceil(retry.asDouble())));
            }
        } catch (RuntimeException ignored) {
            // not JSON
        }
        Matcher m = RESETS_IN.matcher(detail);
        return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : null;
    }
}
