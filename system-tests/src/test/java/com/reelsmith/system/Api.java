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

    private Reply send(HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode json = type.contains("json") && response.body().length > 0 ? JSON.readTree(response.body()) : null;
        return new Reply(response.statusCode(), json, response.body(), response);
    }
}
