package com.reelsmith.platform.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * prefix: of every exchange and queue (AMQP_PREFIX). prefetch: unacked messages a consumer
 * holds, so a slow instance does not hoard work that another could do. relayBatch and
 * relayIdlePoll: how much the outbox relay takes at once and how often it looks when no
 * commit of this process woke it (rows another process wrote and did not relay itself).
 * rabbitmqFeatures: declare queues with what only RabbitMQ offers (quorum queues, replicated and
 * crash-safe; a delivery limit, so a message that crashes its consumer over and over is
 * dead-lettered by the broker itself). Off for other AMQP 0-9-1 brokers, such as the embedded one.
 */
@ConfigurationProperties("reelsmith.amqp")
public record AmqpProperties(String prefix, Integer prefetch, Integer relayBatch, Duration relayIdlePoll,
                             Duration confirmTimeout, Boolean rabbitmqFeatures, Integer deliveryLimit) {

    public AmqpProperties {
        prefix = prefix == null || prefix.isBlank() ? "reelsmith" : prefix;
        prefetch = prefetch == null ? 4 : prefetch;
        relayBatch = relayBatch == null ? 100 : relayBatch;
        relayIdlePoll = relayIdlePoll == null ? Duration.ofMillis(250) : relayIdlePoll;
        confirmTimeout = confirmTimeout == null ? Duration.ofSeconds(10) : confirmTimeout;
        rabbitmqFeatures = rabbitmqFeatures == null || rabbitmqFeatures;
        deliveryLimit = deliveryLimit == null ? 10 : deliveryLimit;
    }
}
