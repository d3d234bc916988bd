package com.reelsmith.imageworker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ImageWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ImageWorkerApplication.class, args);
    }
}
