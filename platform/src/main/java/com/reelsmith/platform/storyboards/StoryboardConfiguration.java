package com.reelsmith.platform.storyboards;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/** The storyboards store, for the gateway and the studio worker alike. */
@AutoConfiguration
public class StoryboardConfiguration {

    @Bean
    Storyboards storyboards(JdbcClient jdbc, ObjectMapper json) {
        return new Storyboards(jdbc, json);
    }

    @Bean
    Briefs briefs(JdbcClient jdbc, ObjectMapper json) {
        return new Briefs(jdbc, json);
    }
}
