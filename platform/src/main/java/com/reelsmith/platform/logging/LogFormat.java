package com.reelsmith.platform.logging;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code LOG_FORMAT=json} switches every service to structured JSON logs on the console (Spring
 * Boot's ECS format: one JSON object a line, the MDC's job_id, correlation_id, trace_id, span_id
 * and request_id as fields of their own). Anything else, or nothing, keeps the plain pattern.
 * {@code LOG_JSON_FORMAT} picks another of Boot's formats (logstash, gelf). Runs before the
 * logging system starts, so the first line is already JSON.
 */
public class LogFormat implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if ("json".equalsIgnoreCase(environment.getProperty("LOG_FORMAT", "").trim())
                && !environment.containsProperty("logging.structured.format.console")) {
            String format = environment.getProperty("LOG_JSON_FORMAT", "ecs");
            environment.getPropertySources().addLast(new MapPropertySource("reelsmithLogFormat",
                    Map.of("logging.structured.format.console", format)));
        }
    }
}
