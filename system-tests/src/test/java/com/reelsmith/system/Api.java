package com.reelsmith.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API as a client program sees it: JSON over HTTP with a key. */
final class Api {

    record Reply(int status, JsonNode json, byte[] bytes, HttpResponse<byte[]> raw) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply get(String path, String key) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request.build());
    }

    Reply post(String path, String key, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Polls GET /jobs/{id} until the job is succeeded, failed or canceled (or the time is up). */
    JsonNode awaitFinished(String jobId, String key, java.time.Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode job;
        do {
            job = get("/api/v2/jobs/" + jobId, key).json();
            String status = job.get("status").asString();
            if (status.equals("succeeded") || status.equals("failed") || status.equals("canceled")) {
                return job;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return job;
    }

    /**
     * Any method, raw path (sent as written: {@code %2e%2e}, {@code ../} and all), optional key,
     * content type and body: what a hostile client can send. A body that is not JSON is no error here.
     */
    Reply send(String method, String rawPath, String key, String contentType, byte[] body,
               java.util.Map<String, String> headers, java.time.Duration timeout) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + rawPath)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    private Reply send(HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode json = null;
        if (type.contains("json") && response.body().length > 0) {
            try {
                json = JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                // a server that says JSON and sends something else: the status still tells
            }
        }
        return new Reply(response.statusCode(), json, response.body(), response);
    }
}
