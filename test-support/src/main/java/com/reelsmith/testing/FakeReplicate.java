package com.reelsmith.testing;

import com.reelsmith.provider.ImageRequest;
import com.reelsmith.provider.ReferenceImage;
import com.reelsmith.provider.VideoRequest;
import com.reelsmith.provider.local.LocalImageGenerator;
import com.reelsmith.provider.local.LocalSettings;
import com.reelsmith.provider.local.LocalVideoGenerator;
import com.reelsmith.provider.replicate.WebhookSignature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replicate as its HTTP API behaves, on a loopback port: official-model predictions that go
 * starting → processing → succeeded (or failed) over {@code runTime}; GET, cancel and the webhook
 * secret; outputs served as real PNGs and MP4s that expire on request; signed webhooks sent to
 * the prediction's webhook URL when it completes (counted per model, as are GETs). Music models
 * answer with a WAV. Faults can be scripted: the next create, a storm
 * of 429s/5xx, failing reads, a failed prediction, expired outputs, a download that stalls.
 * Language models (a name holding llama, gpt, claude or mistral) answer with text, as Replicate's
 * official text models do: the output is a list of pieces to join, the answers scripted in order
 * with {@link #answerText}.
 */
public final class FakeReplicate implements AutoCloseable {

    public record Created(String id, String model, JsonNode input, String webhook) {
    }

    /**
     * One create request as it arrived, answered or not (a scripted 429 too): when, for which
     * model and input, and the status it was answered with, so a test can time the gap a client left.
     */
    public record CreateCall(Instant at, String model, JsonNode input, int status) {
    }

    private record Scripted(int status, Map<String, String> headers, String body) {
    }

    private final class Run {
        final Created created;
        final Instant startedAt = Instant.now();
        final String failWith;
        final String text;
        volatile String status = "starting";

        Run(Created created, String failWith, String text) {
            this.created = created;
            this.failWith = failWith;
            this.text = text;
        }
    }

    /** What a text model says when no answer was scripted: no JSON, as a model that ignored its instructions. */
    public static final String UNSCRIPTED_TEXT = "I'm sorry, I can't help with that.";
    private final java.util.Queue<String> textAnswers = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String token;
    private final String webhookSecret;
    private volatile Duration runTime;
    private final HttpServer server;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-replicate");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final List<Created> created = new CopyOnWriteArrayList<>();
    private final List<CreateCall> createCalls = new CopyOnWriteArrayList<>();
    private final AtomicReference<CountDownLatch> nextCreateHeld = new AtomicReference<>();
    private final AtomicReference<Scripted> nextCreateFault = new AtomicReference<>();
    private final java.util.Queue<Scripted> createStorm = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicInteger downloadsToStall = new AtomicInteger();
    private final AtomicInteger stalledDownloads = new AtomicInteger();
    private final AtomicInteger faultsAnswered = new AtomicInteger();
    private final java.util.concurrent.CountDownLatch releaseStalls = new java.util.concurrent.CountDownLatch(1);
    private final AtomicInteger getFaults = new AtomicInteger();
    private final AtomicReference<String> nextPredictionError = new AtomicReference<>();
    private final AtomicInteger webhooksDelivered = new AtomicInteger();
    private final Map<String, AtomicInteger> webhooksByModel = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> getsByModel = new ConcurrentHashMap<>();
    private final AtomicInteger gets = new AtomicInteger();
    private volatile boolean outputsExpired;
    private final LocalImageGenerator images = new LocalImageGenerator(new LocalSettings(320, 160, 8, Duration.ZERO));
    private final LocalVideoGenerator videos = new LocalVideoGenerator(new LocalSettings(320, 160, 8, Duration.ZERO));

    /** The token and webhook secret the workers' test contexts are wired with (see {@link TestEnvironment#wireReplicate}). */
    public static final String TEST_TOKEN = "r8_test_token";
    public static final String TEST_SECRET = "whsec_dGVzdA==";

    /** A fake answering {@link #TEST_TOKEN}, whose predictions finish after {@code runTime}. */
    public static FakeReplicate forTests(Duration runTime) {
        try {
            return new FakeReplicate(TEST_TOKEN, TEST_SECRET, runTime);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public FakeReplicate(String token, String webhookSecret, Duration runTime) throws IOException {
        this.token = token;
        this.webhookSecret = webhookSecret;
        this.runTime = runTime;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // cached: a stalled download holds its thread, and must not starve the other requests
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Created> created() {
        return List.copyOf(created);
    }

    /** Every create request in the order it arrived, with the instant it arrived. */
    public List<CreateCall> createCalls() {
        return List.copyOf(createCalls);
    }

    /**
     * The next create is recorded in {@link #createCalls()} as soon as it arrives (status 0 while
     * held), and answered (the prediction created) only once {@code release} is counted down: a
     * slow create, for races with what happens to the job meanwhile.
     */
    public void holdNextCreate(CountDownLatch release) {
        nextCreateHeld.set(release);
    }

    public int webhooksDelivered() {
        return webhooksDelivered.get();
    }

    /** Signed webhooks the receiver accepted (2xx) for predictions of {@code model}. */
    public int webhooksDelivered(String model) {
        AtomicInteger n = webhooksByModel.get(model);
        return n == null ? 0 : n.get();
    }

    /** GETs of predictions of {@code model} (a poll, or a read after a webhook). */
    public int gets(String model) {
        AtomicInteger n = getsByModel.get(model);
        return n == null ? 0 : n.get();
    }

    public int gets() {
        return gets.get();
    }

    /** The status Replicate would report for a prediction now (null when unknown). */
    public String statusOf(String predictionId) {
        Run run = runs.get(predictionId);
        return run == null ? null : run.status;
    }

    /** The next create answers this instead (a 429 with Retry-After, a 503, ...). */
    public void failNextCreate(int status, Map<String, String> headers, String body) {
        nextCreateFault.set(new Scripted(status, headers, body));
    }

    /**
     * A storm: the next {@code count} creates answer {@code status} with {@code headers} (a 429 with
     * Retry-After, a 503, ...), whoever sends them. Storms queue up behind each other.
     */
    public void failNextCreates(int count, int status, Map<String, String> headers) {
        for (int i = 0; i < count; i++) {
            createStorm.add(new Scripted(status, headers, status == 429
                    ? "{\"title\": \"Request was throttled.\", \"detail\": \"Request was throttled.\", \"status\": 429}"
                    : "{\"detail\": \"Service Unavailable\"}"));
        }
    }

    /** Drops every scripted fault not yet answered (a storm's leftovers), so the next case starts calm. */
    public void calmDown() {
        createStorm.clear();
        nextCreateFault.set(null);
        getFaults.set(0);
        downloadsToStall.set(0);
    }

    /** Creates answered with a scripted fault so far (storm and single). */
    public int faultsAnswered() {
        return faultsAnswered.get();
    }

    /**
     * The next {@code count} output downloads send their headers and a few bytes, then nothing
     * more until {@link #close()}: a stalled CDN, which a client timeout on headers does not catch.
     */
    public void stallNextDownloads(int count) {
        downloadsToStall.set(count);
    }

    /** Downloads that stalled so far (proof the stall was reached, not just armed). */
    public int stalledDownloads() {
        return stalledDownloads.get();
    }

    /** How long predictions created from now on take to complete. */
    public void runTime(Duration runTime) {
        this.runTime = runTime;
    }

    /** The next {@code count} GETs of a prediction answer 503. */
    public void failNextGets(int count) {
        getFaults.set(count);
    }

    /** The next prediction created ends failed with this error. */
    public void failNextPrediction(String error) {
        nextPredictionError.set(error);
    }

    /** Output URLs answer 404 from now on, as Replicate's do an hour after the prediction. */
    public void expireOutputs() {
        outputsExpired = true;
    }

    public void restoreOutputs() {
        outputsExpired = false;
    }

    /** The next predictions of a text model answer with these texts, one each, in order. */
    public void answerText(String... answers) {
        textAnswers.addAll(List.of(answers));
    }

    /** A music model (meta/musicgen, or any name holding musicgen) answers with a WAV it synthesises. */
    static boolean isMusicModel(String model) {
        return model.toLowerCase().contains("musicgen");
    }

    /** A real, audible WAV: 16-bit mono 22.05 kHz, a few chords of sine tones, {@code seconds} long. */
    static byte[] wav(int seconds) {
        int rate = 22_050;
        int samples = Math.max(1, seconds) * rate;
        var out = java.nio.ByteBuffer.allocate(44 + samples * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(samples * 2);
        double[] roots = {220.0, 174.61, 261.63, 196.0};
        for (int i = 0; i < samples; i++) {
            double t = (double) i / rate;
            double root = roots[(int) (t / 2) % roots.length];
            double v = Math.sin(2 * Math.PI * root * t) + 0.6 * Math.sin(2 * Math.PI * root * 1.25 * t)
                    + 0.5 * Math.sin(2 * Math.PI * root * 1.5 * t);
            out.putShort((short) (v / 2.1 * 12_000));
        }
        return out.array();
    }

    static boolean isTextModel(String model) {
        String m = model.toLowerCase();
        return m.contains("llama") || m.contains("gpt") || m.contains("claude") || m.contains("mistral");
    }

    @Override
    public void close() {
        releaseStalls.countDown();
        timers.shutdownNow();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        try (exchange) {
            if (path.startsWith("/files/")) {
                serveFile(exchange, path.substring("/files/".length()));
                return;
            }
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, Map.of(), "{\"detail\": \"Invalid token.\", \"status\": 401}");
                return;
            }
            if ("POST".equals(method) && path.matches("/v1/models/[^/]+/[^/]+/predictions")) {
                create(exchange, path.substring("/v1/models/".length(), path.length() - "/predictions".length()));
            } else if ("GET".equals(method) && path.matches("/v1/predictions/[^/]+")) {
                gets.incrementAndGet();
                if (getFaults.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    send(exchange, 503, Map.of(), "{\"detail\": \"Service Unavailable\"}");
                    return;
                }
                Run run = runs.get(path.substring("/v1/predictions/".length()));
                if (run != null) {
                    getsByModel.computeIfAbsent(run.created.model(), m -> new AtomicInteger()).incrementAndGet();
                }
                send(exchange, run == null ? 404 : 200, Map.of(), run == null ? "{\"detail\": \"Not found.\"}" : json(run));
            } else if ("POST".equals(method) && path.matches("/v1/predictions/[^/]+/cancel")) {
                Run run = runs.get(path.split("/")[3]);
                if (run != null && !terminal(run.status)) {
                    run.status = "canceled";
                }
                send(exchange, run == null ? 404 : 200, Map.of(), run == null ? "{}" : json(run));
            } else if ("GET".equals(method) && "/v1/webhooks/default/secret".equals(path)) {
                send(exchange, 200, Map.of(), "{\"key\": \"" + webhookSecret + "\"}");
            } else {
                send(exchange, 404, Map.of(), "{\"detail\": \"Not found.\"}");
            }
        }
    }

    private void create(HttpExchange exchange, String model) throws IOException {
        Instant at = Instant.now();
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        Scripted fault = nextCreateFault.getAndSet(null);
        if (fault == null) {
            fault = createStorm.poll();
        }
        if (fault != null) {
            faultsAnswered.incrementAndGet();
            createCalls.add(new CreateCall(at, model, body.path("input"), fault.status()));
            send(exchange, fault.status(), fault.headers(), fault.body());
            return;
        }
        var held = nextCreateHeld.getAndSet(null);
        if (held != null) {
            CreateCall call = new CreateCall(at, model, body.path("input"), 0);
            createCalls.add(call);
            try {
                held.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            createCalls.set(createCalls.indexOf(call), new CreateCall(at, model, body.path("input"), 201));
        } else {
            createCalls.add(new CreateCall(at, model, body.path("input"), 201));
        }
        String id = "fake" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String webhook = body.path("webhook").isString() ? body.path("webhook").asString() : null;
        Created c = new Created(id, model, body.path("input"), webhook);
        created.add(c);
        String text = isTextModel(model) ? java.util.Objects.requireNonNullElse(textAnswers.poll(), UNSCRIPTED_TEXT) : null;
        Run run = new Run(c, nextPredictionError.getAndSet(null), text);
        runs.put(id, run);
        timers.schedule(() -> run.status = "processing", runTime.toMillis() / 3, TimeUnit.MILLISECONDS);
        timers.schedule(() -> complete(run), runTime.toMillis(), TimeUnit.MILLISECONDS);
        send(exchange, 201, Map.of(), json(run));
    }

    private void complete(Run run) {
        if (terminal(run.status)) {
            return;
        }
        run.status = run.failWith == null ? "succeeded" : "failed";
        if (run.created.webhook() != null) {
            deliverWebhook(run);
        }
    }

    private void deliverWebhook(Run run) {
        try {
            byte[] body = json(run).getBytes(StandardCharsets.UTF_8);
            String webhookId = "msg_" + run.created.id();
            String timestamp = String.valueOf(Instant.now().getEpochSecond());
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(run.created.webhook()))
                    .header("Content-Type", "application/json").header("webhook-id", webhookId)
                    .header("webhook-timestamp", timestamp)
                    .header("webhook-signature", WebhookSignature.sign(webhookId, timestamp, body, webhookSecret))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                webhooksDelivered.incrementAndGet();
                webhooksByModel.computeIfAbsent(run.created.model(), m -> new AtomicInteger()).incrementAndGet();
            }
        } catch (Exception e) {
            // a lost webhook: the receiver must poll; that is part of what is tested
        }
    }

    private void serveFile(HttpExchange exchange, String name) throws IOException {
        String id = name.replaceAll("\\..*$", "");
        Run run = runs.get(id);
        if (run == null || outputsExpired) {
            send(exchange, 404, Map.of(), "{}");
            return;
        }
        byte[] png = name.endsWith(".wav") ? null : images.generateImage(new ImageRequest(UUID.randomUUID(),
                run.created.input().path("prompt").asString("replicate"), List.of(), "16:9", "png", 1)).bytes();
        byte[] bytes = name.endsWith(".wav") ? wav(run.created.input().path("duration").asInt(8))
                : name.endsWith(".mp4")
                ? videos.generateVideo(new VideoRequest(UUID.randomUUID(), "x", new ReferenceImage(png, "image/png"), 5,
                "standard", null, null)).bytes()
                : png;
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, bytes.length);
        if (downloadsToStall.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseBody().write(bytes, 0, Math.min(64, bytes.length));
            exchange.getResponseBody().flush();
            stalledDownloads.incrementAndGet();
            try {
                releaseStalls.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        exchange.getResponseBody().write(bytes);
    }

    private String json(Run run) {
        boolean video = run.created.model().contains("kling");
        boolean music = isMusicModel(run.created.model());
        String output = !"succeeded".equals(run.status) ? "null"
                : run.text != null ? JSON.writeValueAsString(pieces(run.text))
                : "\"" + url() + "/files/" + run.created.id() + (video ? ".mp4" : music ? ".wav" : ".png") + "\"";
        String error = "failed".equals(run.status) ? JSON.writeValueAsString(run.failWith) : "null";
        return """
                {"id": "%s", "model": "%s", "version": "hidden", "input": %s, "logs": "", "output": %s, "error": %s,
                 "status": "%s", "created_at": "%s", "data_removed": false, "metrics": {"predict_time": 1.5},
                 "urls": {"get": "%s/v1/predictions/%s", "cancel": "%s/v1/predictions/%s/cancel"}}
                """.formatted(run.created.id(), run.created.model(), JSON.writeValueAsString(run.created.input()), output,
                error, run.status, run.startedAt, url(), run.created.id(), url(), run.created.id());
    }

    /** A text model's output as Replicate streams it: the answer in pieces, to be joined. */
    private static List<String> pieces(String text) {
        List<String> pieces = new java.util.ArrayList<>();
        for (int i = 0; i < text.length(); i += 7) {
            pieces.add(text.substring(i, Math.min(text.length(), i + 7)));
        }
        return pieces;
    }

    private static boolean terminal(String status) {
        return List.of("succeeded", "failed", "canceled", "aborted").contains(status);
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
