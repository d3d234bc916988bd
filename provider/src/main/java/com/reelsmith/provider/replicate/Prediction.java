package com.reelsmith.provider.replicate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** A Replicate prediction as GET /v1/predictions/{id} (and a webhook body) describe it. */
public record Prediction(String id, String model, String status, List<String> output, String error, String logs,
                         Instant createdAt, Instant completedAt, Double predictTimeSeconds, boolean dataRemoved) {

    /** `aborted` is terminal too (a deadline passed before it started; not charged): some clients forgot it. */
    static final Set<String> TERMINAL = Set.of("succeeded", "failed", "canceled", "aborted");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})%");

    public static Prediction from(JsonNode json) {
        List<String> output = new ArrayList<>();
        JsonNode out = json.path("output");
        if (out.isString()) {
            output.add(out.asString());
        } else if (out.isArray()) {
            out.forEach(item -> {
                if (item.isString()) {
                    output.add(item.asString());
                }
            });
        }
        JsonNode predictTime = json.path("metrics").path("predict_time");
        return new Prediction(json.path("id").asString(), text(json, "model"), json.path("status").asString(),
                List.copyOf(output), text(json, "error"), text(json, "logs"), instant(json, "created_at"),
                instant(json, "completed_at"), predictTime.isNumber() ? predictTime.asDouble() : null,
                json.path("data_removed").asBoolean(false));
    }

    public boolean isTerminal() {
        return TERMINAL.contains(status);
    }

    public boolean succeeded() {
        return "succeeded".equals(status);
    }

    /** Replicate has no progress field: estimated from the status and the last "NN%" printed in the logs. */
    public int progressPercent() {
        if (isTerminal()) {
            return 100;
        }
        if ("starting".equals(status)) {
            return 5;
        }
        int last = -1;
        if (logs != null) {
            Matcher m = PERCENT.matcher(logs);
            while (m.find()) {
                last = Integer.parseInt(m.group(1));
            }
        }
        return last >= 0 && last <= 100 ? Math.max(10, Math.min(95, last)) : 50;
    }

    /**
     * Why a finished prediction did not succeed, as a failure a user can act on: refused content and
     * bad input are final; an abort (never started) and other model failures may succeed on a retry.
     */
    public ReplicateException failure() {
        String detail = error == null ? "no reason given" : error;
        return switch (status) {
            case "canceled" -> new ReplicateException("canceled", "the prediction was canceled", false, 0, null, null);
            case "aborted" -> new ReplicateException("provider_aborted",
                    "the model did not start before its deadline (not charged); will retry", true, 0, null, null);
            default -> {
                String lower = detail.toLowerCase();
                if (lower.contains("nsfw") || lower.contains("safety") || lower.contains("flagged")
                        || lower.contains("sensitive")) {
                    yield new ReplicateException("content_rejected",
                            "the model refused this content: " + detail + ". Change the prompt or the image", false, 0, null, null);
                }
                if (lower.contains("invalid") || lower.contains("input")) {
                    yield new ReplicateException("invalid_input", "the model rejected the input: " + detail, false, 0, null, null);
                }
                yield new ReplicateException("provider_failed", "the model failed: " + detail, true, 0, null, null);
            }
        };
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.path(field);
        return node.isString() ? node.asString() : null;
    }

    private static Instant instant(JsonNode json, String field) {
        String value = text(json, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
