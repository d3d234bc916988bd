package com.reelsmith.studioworker.planner;

import com.reelsmith.provider.replicate.ReplicateClient;
import com.reelsmith.provider.replicate.ReplicateSettings;
import com.reelsmith.work.WorkerReplicateProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code PLANNER}: {@code local} (offline, the default) or {@code replicate}: a text model on
 * Replicate ({@code REPLICATE_PLANNER_MODEL}, an official model; the token and base URL are the
 * workers' Replicate settings).
 */
@Configuration(proxyBeanMethods = false)
class PlannerConfiguration {

    @Bean
    Planner planner(@Value("${reelsmith.planner.name:local}") String name,
                    @Value("${reelsmith.planner.model:meta/meta-llama-3-70b-instruct}") String model,
                    @Value("${reelsmith.planner.answers:3}") int answers,
                    WorkerReplicateProperties replicate, ObjectMapper json, MeterRegistry meters) {
        return new TimedPlanner(choose(name, model, answers, replicate, json), meters);
    }

    private static Planner choose(String name, String model, int answers, WorkerReplicateProperties replicate,
                                  ObjectMapper json) {
        return switch (name) {
            case "local" -> new LocalPlanner();
            case "replicate" -> {
                if (!replicate.hasToken()) {
                    throw new IllegalStateException("PLANNER=replicate needs REPLICATE_API_TOKEN");
                }
                var settings = new ReplicateSettings(replicate.baseUrl(), replicate.apiToken(), Duration.ofSeconds(30), 0);
                var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                yield new ReplicatePlanner(new ReplicateClient(settings, http), model, answers,
                        replicate.pollInterval().compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1)
                                : replicate.pollInterval(), json);
            }
            default -> throw new IllegalStateException("PLANNER must be local or replicate, was " + name);
        };
    }
}
