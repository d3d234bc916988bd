package com.reelsmith.platform.brand;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/** The brand book, for every service that sends prompts. */
@AutoConfiguration
public class BrandConfiguration {

    @Bean
    BrandBook brandBook(JdbcClient jdbc, ObjectMapper json) {
        return new BrandBook(jdbc, json);
    }
}
