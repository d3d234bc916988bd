package com.reelsmith.studioworker.planner;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code PLANNER}: {@code local} (offline, the default) or {@code replicate} (a text model on Replicate). */
@Configuration(proxyBeanMethods = false)
class PlannerConfiguration {

    @Bean
    Planner planner(@Value("${reelsmith.planner.name:local}") String name) {
        return switch (name) {
            case "local" -> new LocalPlanner();
            default -> throw new IllegalStateException("PLANNER must be local or replicate, was " + name);
        };
    }
}
