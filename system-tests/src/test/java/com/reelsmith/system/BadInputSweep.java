package com.reelsmith.system;

import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hostile input for every endpoint of the gateway: malformed JSON, wrong types, NUL characters,
 * huge numbers, huge strings, path tricks, bad query parameters and bad uploads. Each probe's
 * answer is kept; the fault suite requires none of them to be a 5xx (or no answer at all).
 */
final class BadInputSweep {

    /** One hostile request. {@code key}: whose key it carries (admin or client). */
    record Probe(String label, String method, String path, String key, String contentType, byte[] body) {
        String describe() {
            return method + " " + (path.length() > 120 ? path.substring(0, 120) + "..." : path)
                    + (body == null ? "" : " [" + contentType + ", " + body.length + " bytes]") + " " + label;
        }
    }

    /**
     * {@code status} -1: no answer within the time allowed (as bad as a 5xx: the caller is left hanging).
     * {@code jobId}: the job a 202 made, when the gateway took a hostile body for a submission.
     */
    record Outcome(Probe probe, int status, String jobId) {
        boolean serverError() {
            return status < 0 || status >= 500;
        }
    }

    static final String FIVE_MB = "x".repeat(5 * 1024 * 1024);
    static final String JSON = "application/json";

    private final List<Probe> probes = new ArrayList<>();

    /**
     * Probes for every endpoint: {@code campaignId}, {@code clientId}, {@code jobId}, {@code imageId}
     * are real ones of the client, so the well-formed part of a path reaches the handler.
     */
    static BadInputSweep forEveryEndpoint(String adminKey, String clientKey, String clientId, String campaignId,
                                          String jobId, String imageId) {
        var sweep = new BadInputSweep();
        // JSON bodies, with the fields each endpoint reads
        sweep.jsonEndpoint("POST", "/api/v2/clients", adminKey, Map.of("name", "\"Acme\"", "brand_guidelines", "{}"));
        sweep.jsonEndpoint("POST", "/api/v2/clients/" + clientId + "/api-keys", adminKey, Map.of("name", "\"ci\""));
        sweep.jsonEndpoint("POST", "/api/v2/campaigns", clientKey, Map.of("name", "\"Launch\"", "description", "\"d\"",
                "status", "\"active\"", "budget_usd", "10"));
        sweep.jsonEndpoint("PATCH", "/api/v2/campaigns/" + campaignId, clientKey, Map.of("name", "\"Launch\"",
                "description", "\"d\"", "status", "\"active\"", "budget_usd", "10"));
        sweep.jsonEndpoint("POST", "/api/v2/generate/image", clientKey, Map.of("campaign_id", "\"" + campaignId + "\"",
                "prompt", "\"a shoe\"", "aspect_ratio", "\"16:9\"", "output_format", "\"png\"", "seed", "1",
                "idempotency_key", "\"k\""));
        sweep.jsonEndpoint("POST", "/api/v2/generate/video", clientKey, Map.of("campaign_id", "\"" + campaignId + "\"",
                "prompt", "\"a shoe\"", "duration_s", "5", "mode", "\"standard\"", "negative_prompt", "\"blur\"",
                "image_id", "\"" + imageId + "\""));
        sweep.add("POST", "/api/v2/jobs/" + jobId + "/cancel", clientKey, JSON, "{\"reason\": \"\\u0000\"}");
        sweep.add("POST", "/api/v2/jobs/" + jobId + "/cancel", clientKey, JSON, "{");
        // a body where none is expected, and an unexpected content type where one is
        sweep.add("POST", "/api/v2/campaigns", clientKey, "text/plain", "name=Launch");
        sweep.add("POST", "/api/v2/campaigns", clientKey, "application/xml", "<campaign/>");
        sweep.add("POST", "/api/v2/campaigns", clientKey, null, "{\"name\": \"x\"}");
        sweep.add("PUT", "/api/v2/campaigns/" + campaignId, clientKey, JSON, "{\"name\": \"x\"}");
        sweep.add("DELETE", "/api/v2/campaigns/" + campaignId, clientKey, null, null);
        sweep.add("DELETE", "/api/v2/api-keys/not-a-uuid", adminKey, null, null);
        sweep.add("DELETE", "/api/v2/api-keys/" + UUID.randomUUID(), adminKey, null, null);

        // ids in paths that are not UUIDs, or are tricks
        List<String> badIds = List.of("not-a-uuid", "..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%00", jobId + "%00",
                "%2e%2e%2f%2e%2e%2factuator", "1e400", "-1", "%ff%fe", "%25", "%C0%AE%C0%AE", jobId + "/..",
                "x".repeat(5000));
        List<String> idPaths = List.of("/api/v2/jobs/%s", "/api/v2/jobs/%s/cancel", "/api/v2/clients/%s",
                "/api/v2/clients/%s/api-keys", "/api/v2/campaigns/%s", "/api/v2/assets/%s", "/api/v2/assets/%s/data",
                "/api/images/%s", "/api/images/%s/data", "/api/videos/%s", "/api/videos/%s/data",
                "/api/v2/campaigns/%s/generated-images", "/api/v2/clients/%s/generated-videos");
        for (String template : idPaths) {
            boolean admin = template.startsWith("/api/v2/clients");
            String method = template.endsWith("/cancel") ? "POST" : "GET";
            for (String id : badIds) {
                sweep.add(method, template.formatted(id), admin ? adminKey : clientKey, null, null);
            }
        }
        for (String trick : List.of("/api/v2/jobs/../clients", "/api/v2/jobs/../../actuator/env",
                "/api/v2/%2e%2e/%2e%2e/actuator/env", "/api/images/..%2f..%2f..%2fetc%2fpasswd/data",
                "/api/v2/assets/%2e%2e%2f%2e%2e%2fmedia/data", "/api/v2//jobs//" + jobId, "/api/v2/jobs/%2F" + jobId,
                "/api/v2/jobs/" + jobId + ";jsessionid=x", "/api/v2/jobs/" + jobId + "%3B", "/%00", "/api/%00/jobs",
                "/api/v2/campaigns/" + campaignId + "/generated-%00", "/api/v2/campaigns/" + campaignId + "/generated-../images")) {
            sweep.add("GET", trick, clientKey, null, null);
        }

        // query parameters: lists, filters, cursors, signed-link parameters
        String absurdLate = Base64.getUrlEncoder().withoutPadding().encodeToString((Long.MAX_VALUE + ":" + jobId).getBytes());
        String absurdEarly = Base64.getUrlEncoder().withoutPadding().encodeToString((Long.MIN_VALUE + ":" + jobId).getBytes());
        String yearTenThousand = Base64.getUrlEncoder().withoutPadding().encodeToString(("253402300800000000:" + jobId).getBytes());
        List<String> badQueries = List.of("limit=abc", "limit=1e400", "limit=-1", "limit=0", "limit=99999999999999999999",
                "limit=%00", "cursor=garbage", "cursor=%00", "cursor=" + absurdLate, "cursor=" + absurdEarly,
                "cursor=" + yearTenThousand, "cursor=" + "A".repeat(20000), "status=%00", "status=running%00",
                "kind=%00", "kind=sculpture", "campaign_id=not-a-uuid", "campaign_id=%00", "client_id=1e400",
                "status=" + "s".repeat(10000));
        for (String list : List.of("/api/v2/jobs", "/api/v2/clients", "/api/v2/campaigns",
                "/api/v2/campaigns/" + campaignId + "/generated-images", "/api/v2/clients/" + clientId + "/generated-videos")) {
            String key = list.startsWith("/api/v2/clients") ? adminKey : clientKey;
            for (String query : badQueries) {
                sweep.add("GET", list + "?" + query, key, null, null);
            }
        }
        for (String query : List.of("expires=1e400&signature=x", "expires=99999999999999999999&signature=x",
                "expires=-1&signature=%00", "expires=abc&signature=", "expires=" + Long.MAX_VALUE + "&signature=" + "a".repeat(5000))) {
            sweep.add("GET", "/api/images/" + imageId + "/data?" + query, null, null, null);
            sweep.add("GET", "/api/videos/" + UUID.randomUUID() + "/data?" + query, null, null, null);
        }

        // uploads: wrong part, wrong type, NUL and traversal in the file name, not multipart at all
        String upload = "/api/v2/campaigns/" + campaignId + "/assets";
        sweep.multipart(upload, clientKey, "file", "shoe.png", "image/png", "not a png at all".getBytes());
        sweep.multipart(upload, clientKey, "file", "shoe\u0000.png", "image/png", TINY_PNG);
        sweep.multipart(upload, clientKey, "file", "../../../etc/passwd", "image/png", TINY_PNG);
        sweep.multipart(upload, clientKey, "file", "x".repeat(10000) + ".png", "image/png", TINY_PNG);
        sweep.multipart(upload, clientKey, "other", "shoe.png", "image/png", TINY_PNG);
        sweep.multipart(upload, clientKey, "file", "empty.png", "image/png", new byte[0]);
        sweep.multipart(upload, clientKey, "file", "huge.png", "image/png", PNG_HEADER_HUGE);
        sweep.add("POST", upload, clientKey, JSON, "{\"file\": \"x\"}");
        sweep.add("POST", upload, clientKey, "multipart/form-data; boundary=b", "--b\r\ngarbage");
        sweep.add("POST", upload, clientKey, "multipart/form-data", "no boundary");

        // webhooks: unsigned garbage (the signature case proper is its own fault case)
        sweep.add("POST", "/api/webhooks/replicate", null, JSON, "{");
        sweep.add("POST", "/api/webhooks/replicate", null, JSON, "{\"id\": \"\\u0000\", \"status\": 1e400}");
        sweep.add("POST", "/api/webhooks/replicate?job_id=%00", null, "text/plain", "\u0000\u0000");
        sweep.add("POST", "/api/webhooks/replicate?job_id=1e400", null, null, null);

        // authentication headers that are themselves hostile
        // (header values with NUL or non-ASCII characters cannot be sent by Java's client; their escapes can)
        for (String key : List.of("sk_%00", "sk_" + "a".repeat(10000), "sk_x_y_z", "sk___", "Bearer", "", "sk_" + "\\u0000")) {
            sweep.probes.add(new Probe("Authorization: Bearer " + shorten(key), "GET", "/api/v2/jobs", key, null, null));
        }
        return sweep;
    }

    /** Malformed JSON, then each field given wrong types, NULs, huge numbers and a huge string. */
    private void jsonEndpoint(String method, String path, String key, Map<String, String> goodFields) {
        for (String malformed : List.of("{", "{\"name\": }", "[]", "null", "\"text\"", "123", "", "{\"a\":1}garbage",
                "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 01}", "{'a': 1}", "{\"a\": \"\\ud800\"}",
                "[".repeat(10000), "{\"a\":".repeat(5000))) {
            add(method, path, key, JSON, malformed);
        }
        probes.add(new Probe("invalid UTF-8", method, path, key, JSON,
                new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'}));
        add("raw NUL byte in a string", method, path, key, JSON, "{\"name\": \"a\u0000b\"}");
        List<String> hostileValues = List.of("123", "-1", "true", "[]", "{}", "\"a\\u0000b\"", "\"\\u0000\"", "1e400",
                "-1e400", "1e99999999", "1e999999999", "123456789012345678901234567890", "0.0000000001", "1.5",
                "\"not-a-uuid\"", "\"\"", "\"" + "y".repeat(100_000) + "\"");
        for (String field : goodFields.keySet()) {
            for (String value : hostileValues) {
                var fields = new java.util.LinkedHashMap<>(goodFields);
                fields.put(field, value);
                add(field + " = " + shorten(value), method, path, key, JSON, object(fields));
            }
        }
        // one 5 MB string per endpoint, in its first string field
        String stringField = goodFields.entrySet().stream().filter(e -> e.getValue().startsWith("\"")).map(Map.Entry::getKey)
                .findFirst().orElse("name");
        var huge = new java.util.LinkedHashMap<>(goodFields);
        huge.put(stringField, "\"" + FIVE_MB + "\"");
        add(stringField + " = a 5 MB string", method, path, key, JSON, object(huge));
        var unknown = new java.util.LinkedHashMap<>(goodFields);
        unknown.put("\u0000", "1");
        add("a field named NUL", method, path, key, JSON, object(unknown));
    }

    private static String object(Map<String, String> fields) {
        var out = new StringBuilder("{");
        fields.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append('"').append(k.replace("\u0000", "\\u0000"))
                .append("\": ").append(v));
        return out.append('}').toString();
    }

    private void add(String method, String path, String key, String contentType, String body) {
        add(body == null ? "" : shorten(body), method, path, key, contentType, body);
    }

    private void add(String label, String method, String path, String key, String contentType, String body) {
        probes.add(new Probe(label, method, path, key, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String shorten(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "...(" + text.length() + " chars)" : text;
        return shown.replace("\u0000", "\\0");
    }

    private void multipart(String path, String key, String part, String filename, String type, byte[] bytes) {
        String boundary = "sweep" + UUID.randomUUID().toString().replace("-", "");
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        probes.add(new Probe("upload part=" + part + " filename=" + shorten(filename) + " type=" + type + " " + bytes.length
                + " bytes", "POST", path, key, "multipart/form-data; boundary=" + boundary, body.toByteArray()));
    }

    int size() {
        return probes.size();
    }

    /** Sends every probe, one at a time; a probe that gets no answer in {@code timeout} counts as -1. */
    List<Outcome> run(Api api, Duration timeout) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Probe p : probes) {
            int status;
            String jobId = null;
            try {
                var reply = api.send(p.method(), p.path(), p.key(), p.contentType(), p.body(), Map.of(), timeout);
                status = reply.status();
                if (status == 202 && reply.json() != null && reply.json().path("job_id").isString()) {
                    jobId = reply.json().path("job_id").asString();
                }
            } catch (HttpTimeoutException e) {
                status = -1;
            } catch (java.io.IOException e) {
                // the server closed the connection on a request it would not read (a huge body): an answer, not a crash
                status = 0;
            } catch (Exception e) {
                throw new IllegalStateException(p.describe(), e);
            }
            outcomes.add(new Outcome(p, status, jobId));
        }
        return outcomes;
    }

    /** A 1x1 PNG. */
    static final byte[] TINY_PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /** A PNG header claiming 60000 x 60000 pixels, with no pixels behind it: a decompression bomb's calling card. */
    static final byte[] PNG_HEADER_HUGE = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAA6mAAAOpgCAYAAAAAAAAAAAAAAA==");
}
