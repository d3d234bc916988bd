package com.reelsmith.platform.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * prefix: of every exchange and queue (AMQP_PREFIX). prefetch: unacked messages a consumer
 * holds, so a slow instance does not hoard work that another could do. relayBatch and
 * relayIdlePoll: how much the outbox relay takes at once and how often it looks when no
 * notification woke it (a safety net; a new row wakes it at once through LISTEN/NOTIFY).
 */
@ConfigurationProperties("reelsmith.amqp")
public record AmqpProperties(String prefix, Integer prefetch, Integer relayBatch, Duration relayIdlePoll,
                             Duration confirmTimeout) {

    public AmqpProperties {
        prefix = prefix == null || prefix.isBlank() ? "reelsmith" : prefix;
        prefetch = prefetch == null ? 4 : prefetch;
        relayBatch = relayBatch == null ? 100 : relayBatch;
        relayIdlePoll = relayIdlePoll == null ? Duration.ofSeconds(1) : relayIdlePoll;
        confirmTimeout = confirmTimeout == null ? Duration.ofSeconds(10) : confirmTimeout;
    }
}
