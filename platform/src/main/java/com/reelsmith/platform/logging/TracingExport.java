package com.reelsmith.platform.logging;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Spans are always made (they carry the trace id every log line shows); they leave the process
 * only when an OTLP endpoint is configured, by the OpenTelemetry variables every collector's
 * documentation names: {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (the full URL) or
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the base URL, {@code /v1/traces} appended), or Boot's own
 * {@code management.opentelemetry.tracing.export.otlp.endpoint}. With none of them Boot makes no
 * exporter at all: nothing is sent, nothing retried, nothing logged. Every span is sampled unless
 * {@code TRACING_SAMPLING_PROBABILITY} says otherwise (Boot's own default is 0.1).
 */
public class TracingExport implements EnvironmentPostProcessor {

    static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String SAMPLING = "management.tracing.sampling.probability";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        if (!environment.containsProperty(SAMPLING)) {
            defaults.put(SAMPLING, environment.getProperty("TRACING_SAMPLING_PROBABILITY", "1.0"));
        }
        String endpoint = endpoint(environment);
        if (endpoint != null && !environment.containsProperty(ENDPOINT)) {
            defaults.put(ENDPOINT, endpoint);
        }
        environment.getPropertySources().addLast(new MapPropertySource("reelsmithTracingExport", defaults));
    }

    static String endpoint(ConfigurableEnvironment environment) {
        String traces = environment.getProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "").trim();
        if (!traces.isEmpty()) {
            return traces;
        }
        String base = environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "").trim();
        return base.isEmpty() ? null : base.replaceAll("/+$", "") + "/v1/traces";
    }
}
