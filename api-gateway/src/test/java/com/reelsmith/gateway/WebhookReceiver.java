package com.reelsmith.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client's webhook server: a JDK HttpServer on 127.0.0.1 that records every request and
 * answers each path with the status set for it (200 unless told otherwise). It can be told its
 * port before it listens, to play a receiver that is down and comes back.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();
    private HttpServer server;

    private WebhookReceiver(int port) {
        this.port = port;
    }

    /** Listening now. */
    static WebhookReceiver started() {
        WebhookReceiver receiver = new WebhookReceiver(freePort());
        receiver.start();
        return receiver;
    }

    /** A port, not listened on yet: {@link #start()} later. */
    static WebhookReceiver notListening() {
        return new WebhookReceiver(freePort());
    }

    void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body));
            exchange.sendResponseHeaders(statusByPath.getOrDefault(path, 200), -1);
            exchange.close();
        });
        server.start();
    }

    void answer(String path, int status) {
        statusByPath.put(path, status);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
