package com.reelsmith.platform.productions;

import com.reelsmith.platform.PlatformConfiguration;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.messaging.MessagingConfiguration;
import com.reelsmith.platform.messaging.Outbox;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/** Starting productions, for the gateway (and the tests that play it). */
@AutoConfiguration(after = {PlatformConfiguration.class, MessagingConfiguration.class})
public class ProductionOrdersConfiguration {

    @Bean
    ProductionOrders productionOrders(JdbcClient jdbc, JobTransitions jobs, Outbox outbox, ObjectMapper json) {
        return new ProductionOrders(jdbc, jobs, outbox, json);
    }
}
