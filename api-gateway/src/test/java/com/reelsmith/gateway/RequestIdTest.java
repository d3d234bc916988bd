package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Every answer names its request; every error body carries the id an operator greps the logs for. */
class RequestIdTest extends GatewayIntegrationTest {

    @Test
    void anErrorBodyCarriesTheRequestIdOfItsResponseHeader() {
        var missing = admin.get("/api/v2/jobs/" + UUID.randomUUID());

        assertThat(missing.status()).isEqualTo(404);
        String requestId = missing.header("X-Request-Id");
        assertThat(requestId).matches("req_[0-9a-f]{16}");
        assertThat(missing.json().path("error").path("request_id").asString()).isEqualTo(requestId);
        assertThat(missing.header("X-Trace-Id")).matches("[0-9a-f]{32}");
    }

    @Test
    void aSaneClientRequestIdIsKeptAndAnInsaneOneReplaced() {
        var kept = anonymous.withHeader("X-Request-Id", "client-42.abc").get("/api/v2/campaigns");
        var replaced = anonymous.withHeader("X-Request-Id", "evil\u00e9 id with spaces").get("/api/v2/campaigns");

        assertThat(kept.status()).isEqualTo(401);
        assertThat(kept.header("X-Request-Id")).isEqualTo("client-42.abc");
        assertThat(kept.json().path("error").path("request_id").asString()).isEqualTo("client-42.abc");
        assertThat(replaced.header("X-Request-Id")).startsWith("req_");
    }

    @Test
    void aJobAcceptedUnderAClientsTraceparentCarriesThatTraceAsItsCorrelationId() {
        var tenant = newTenant("Traced");
        UUID campaign = newCampaign(tenant, "traced");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        var accepted = as(tenant).withHeader("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .post("/api/v2/generate/image", Map.of("campaign_id", campaign, "prompt", "a traced picture"));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.header("X-Trace-Id")).isEqualTo(traceId);
        assertThat(GatewayEnvironment.queryString(DB, "select replace(correlation_id::text, '-', '') from jobs where id = ?::uuid",
                accepted.json().path("job_id").asString())).isEqualTo(traceId);
        assertThat(GatewayEnvironment.queryString(DB, "select headers->>'traceparent' from outbox where headers->>'job_id' = ?",
                accepted.json().path("job_id").asString())).startsWith("00-" + traceId + "-");
    }

    @Autowired
    ApplicationContext context;

    @Test
    void theOutboxTraceparentNamesTheGatewaysRequestSpanAsParentInTheClientsTrace() {
        var tenant = newTenant("Spanned");
        UUID campaign = newCampaign(tenant, "spanned");
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String clientSpan = "b7ad6b7169203331";

        var accepted = as(tenant).withHeader("traceparent", "00-" + traceId + "-" + clientSpan + "-01")
                .post("/api/v2/generate/image", Map.of("campaign_id", campaign, "prompt", "a spanned picture"));

        assertThat(accepted.status()).isEqualTo(202);
        String traceparent = GatewayEnvironment.queryString(DB,
                "select headers->>'traceparent' from outbox where headers->>'job_id' = ?", accepted.json().path("job_id").asString());
        // 00-<trace>-<the gateway's server span>-01: the worker's span becomes its child
        assertThat(traceparent).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        assertThat(traceparent).doesNotContain(clientSpan);
    }

    @Test
    void withNoOtlpEndpointSpansAreMadeButNoExporterExists() {
        // the trace ids above come from real spans; with no endpoint configured nothing can leave the process
        assertThat(context.getBeanProvider(Tracer.class).getIfAvailable()).isNotNull().isNotEqualTo(Tracer.NOOP);
        assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
        assertThat(context.getEnvironment().getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
    }
}
