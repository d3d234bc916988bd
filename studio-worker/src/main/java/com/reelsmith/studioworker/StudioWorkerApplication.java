package com.reelsmith.studioworker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The production side: plans storyboards from briefs (and refines them) as storyboard jobs, runs
 * productions (an approved storyboard's scenes as video jobs, then music and assembly into an ad)
 * and exports, all on the same job runner as the generation workers.
 */
@SpringBootApplication
public class StudioWorkerApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Reads {@code studio-worker.yml}, not application.yml: the standalone mode runs every service on one classpath. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(StudioWorkerApplication.class).properties("spring.config.name=studio-worker");
    }
}
