package com.reelsmith.videoworker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class VideoWorkerApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Reads {@code video-worker.yml}, not application.yml: the standalone mode runs all three services on one classpath. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(VideoWorkerApplication.class).properties("spring.config.name=video-worker");
    }
}
