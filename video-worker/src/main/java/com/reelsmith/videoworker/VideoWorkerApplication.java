package com.reelsmith.videoworker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class VideoWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(VideoWorkerApplication.class, args);
    }
}
