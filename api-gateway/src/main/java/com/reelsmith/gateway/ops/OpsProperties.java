package com.reelsmith.gateway.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stuckAfter}: how long an unfinished job may go untouched before the ops API calls it
 * stuck (OPS_STUCK_AFTER); {@code rabbitmqManagementUrl}: where RabbitMQ's management API answers,
 * with credentials (RABBITMQ_MANAGEMENT_URL), for exact publish and deliver rates.
 */
@ConfigurationProperties("reelsmith.ops")
record OpsProperties(Duration stuckAfter, String rabbitmqManagementUrl) {

    OpsProperties {
        if (stuckAfter == null) {
            stuckAfter = Duration.ofMinutes(30);
        }
    }
}
