package com.reelsmith.imageworker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class ImageWorkerApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Reads {@code image-worker.yml}, not application.yml: the standalone mode runs all three services on one classpath. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ImageWorkerApplication.class).properties("spring.config.name=image-worker");
    }
}
