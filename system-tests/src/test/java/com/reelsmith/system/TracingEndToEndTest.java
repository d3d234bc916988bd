package com.reelsmith.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.reelsmith.testing.Eventually;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * One generate-video request is one trace across the three services: with
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} pointing at an OTLP/HTTP receiver (a real HTTP server
 * taking {@code POST /v1/traces}, as a collector does), the gateway, the video worker and the
 * image worker (the saga's child job) each export spans whose trace id is the job's correlation
 * id, the one the gateway answered in {@code X-Trace-Id}.
 */
class TracingEndToEndTest {

    static final String ADMIN_KEY = "sk_systemtestadmin_" + "T".repeat(40);

    /** One export request: the process that sent it says who it is in the resource (service.name). */
    record Export(String contentType, byte[] body) {
        boolean from(String service, byte[] traceId) {
            return contains(body, service.getBytes(StandardCharsets.UTF_8)) && contains(body, traceId);
        }
    }

    @Test
    void theGatewayAndBothWorkersExportSpansOfTheJobsTrace() throws Exception {
        List<Export> exports = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            var body = new ByteArrayOutputStream();
            exchange.getRequestBody().transferTo(body);
            exports.add(new Export(exchange.getRequestHeaders().getFirst("Content-Type"), body.toByteArray()));
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse: all accepted
            exchange.close();
        });
        receiver.start();
        String endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort();
        try (var system = RunningSystem.start(ADMIN_KEY, Map.of("LOCAL_PROVIDER_LATENCY", "0s",
                "OTEL_EXPORTER_OTLP_ENDPOINT", endpoint,
                // a short batch delay, so the test need not wait Boot's default 5 s per service
                "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "500ms"))) {
            var tenant = system.signUp("Traced");
            var accepted = system.api.post("/api/v2/generate/video", tenant.key(),
                    "{\"campaign_id\": \"" + tenant.campaignId() + "\", \"prompt\": \"A traced sneaker\", \"duration_s\": 5}");
            assertThat(accepted.status()).isEqualTo(202);
            String jobId = accepted.json().get("job_id").asString();
            String traceId = accepted.raw().headers().firstValue("X-Trace-Id").orElseThrow();

            var job = system.api.awaitFinished(jobId, tenant.key(), Duration.ofSeconds(120));
            assertThat(job.get("status").asString()).as(job + system.tails()).isEqualTo("succeeded");
            assertThat(correlationIdOf(system, jobId)).isEqualTo(traceId);

            byte[] traceIdBytes = HexFormat.of().parseHex(traceId);
            // the exporters batch: wait until every service has sent the job's spans (asserted below)
            Eventually.holdsWithin(Duration.ofSeconds(60), () -> fromAll(exports, traceIdBytes));
            assertThat(exports).as("OTLP exports received").isNotEmpty();
            assertThat(exports).allSatisfy(e -> assertThat(e.contentType()).isEqualTo("application/x-protobuf"));
            for (String service : List.of("api-gateway", "video-worker", "image-worker")) {
                assertThat(exports.stream().anyMatch(e -> e.from(service, traceIdBytes)))
                        .as("a span of trace %s exported by %s%s", traceId, service, system.tails()).isTrue();
            }
            // the image worker's provider call is a span of its own in that trace
            assertThat(exports.stream().anyMatch(e -> e.from("image-worker", traceIdBytes)
                    && contains(e.body(), "provider image".getBytes(StandardCharsets.UTF_8)))).isTrue();
        } finally {
            receiver.stop(0);
        }
    }

    private static boolean fromAll(List<Export> exports, byte[] traceId) {
        return List.of("api-gateway", "video-worker", "image-worker").stream()
                .allMatch(service -> exports.stream().anyMatch(e -> e.from(service, traceId)));
    }

    private static String correlationIdOf(RunningSystem system, String jobId) throws Exception {
        try (var connection = DriverManager.getConnection(system.db.url(), system.db.user(), system.db.password());
             var query = connection.prepareStatement("select replace(correlation_id::text, '-', '') from jobs where id = ?::uuid")) {
            query.setString(1, jobId);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
