package com.reelsmith.provider.replicate;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server that answers like Replicate, from a script: each request takes the next
 * scripted answer and is recorded, so a test can check what the client sent.
 */
final class ReplicateStub implements AutoCloseable {

    record Answer(int status, Map<String, String> headers, byte[] body) {
        static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    ReplicateStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Answer answer;
            synchronized (script) {
                answer = script.isEmpty() ? Answer.json(500, "{\"detail\": \"nothing scripted\"}") : script.poll();
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
            exchange.close();
        });
        server.start();
    }

    ReplicateStub then(Answer answer) {
        synchronized (script) {
            script.add(answer);
        }
        return this;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A prediction as Replicate shows it. */
    static String prediction(String id, String status, String output, String error) {
        return """
                {"id": "%s", "model": "google/nano-banana", "version": "hidden", "input": {"prompt": "x"},
                 "logs": "step 1\\n 40%%|####  | 4/10\\n", "output": %s, "error": %s, "status": "%s",
                 "created_at": "2026-11-25T10:00:00.000Z", "completed_at": null, "data_removed": false,
                 "metrics": {"predict_time": 4.2},
                 "urls": {"get": "https://api.replicate.com/v1/predictions/%s", "cancel": "https://api.replicate.com/v1/predictions/%s/cancel"}}
                """.formatted(id, output == null ? "null" : output, error == null ? "null" : "\"" + error + "\"",
                status, id, id);
    }
}
