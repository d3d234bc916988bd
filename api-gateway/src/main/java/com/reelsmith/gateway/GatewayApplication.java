package com.reelsmith.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Reads {@code api-gateway.yml}, not application.yml: the standalone mode runs all three services on one classpath. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=api-gateway");
    }
}
