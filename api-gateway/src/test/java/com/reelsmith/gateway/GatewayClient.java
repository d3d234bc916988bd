package com.reelsmith.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP against the running gateway. {@code as(key)} sends the key as a Bearer token,
 * {@code withHeader} anything else; a request body is a String (sent as-is, so it may be broken
 * JSON) or any object (written as JSON).
 */
final class GatewayClient {

    static final JsonMapper JSON = JsonMapper.shared();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** One answer: status, headers and body, the body parsed as JSON on demand. */
    record Reply(int status, HttpHeaders headers, byte[] body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String errorCode() {
            return json().path("error").path("code").asString();
        }

        /** The field the error names, or null when it names none. */
        String errorField() {
            JsonNode field = json().path("error").path("field");
            return field.isString() ? field.asString() : null;
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        UUID id() {
            return UUID.fromString(json().path("id").asString());
        }

        @Override
        public String toString() {
            return status + " " + new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String base;
    private final List<String> headers;

    GatewayClient(int port) {
        this("http://127.0.0.1:" + port, List.of());
    }

    private GatewayClient(String base, List<String> headers) {
        this.base = base;
        this.headers = headers;
    }

    GatewayClient as(String apiKey) {
        return withHeader("Authorization", "Bearer " + apiKey);
    }

    GatewayClient withHeader(String name, String value) {
        List<String> more = new ArrayList<>(headers);
        more.add(name);
        more.add(value);
        return new GatewayClient(base, List.copyOf(more));
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    Reply post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").POST(jsonBody(body)));
    }

    Reply patch(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").method("PATCH", jsonBody(body)));
    }

    /** A multipart/form-data upload of one part named "file". */
    Reply upload(String path, String filename, String contentType, byte[] bytes) {
        String boundary = "reelsmith-test-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.size(); i += 2) {
            builder.header(headers.get(i), headers.get(i + 1));
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher jsonBody(Object body) {
        String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(text);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the gateway did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
