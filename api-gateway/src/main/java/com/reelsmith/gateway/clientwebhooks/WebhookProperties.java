package com.reelsmith.gateway.clientwebhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Client webhooks ({@code reelsmith.webhooks.*}). send: whether this instance sends deliveries
 * (several may; each claims its own rows); pollInterval: how often it looks for due deliveries
 * when nothing woke it; firstRetry, maxRetryInterval: the backoff (x6 per attempt, capped, with
 * jitter); giveUpAfter: how long a delivery is tried before it is marked failed; timeout: connect
 * and read timeout of one attempt; batch: deliveries claimed at once; senders: sent in parallel;
 * maxEndpointsPerClient: live (not deleted) endpoints a client may have.
 */
@ConfigurationProperties("reelsmith.webhooks")
public record WebhookProperties(Boolean send, Duration pollInterval, Duration firstRetry, Duration maxRetryInterval,
                                Duration giveUpAfter, Duration timeout, Integer batch, Integer senders,
                                Integer maxEndpointsPerClient) {

    public WebhookProperties {
        send = send == null || send;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        firstRetry = firstRetry == null ? Duration.ofSeconds(5) : firstRetry;
        maxRetryInterval = maxRetryInterval == null ? Duration.ofHours(2) : maxRetryInterval;
        giveUpAfter = giveUpAfter == null ? Duration.ofHours(26) : giveUpAfter;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        batch = batch == null ? 20 : batch;
        senders = senders == null ? 4 : senders;
        maxEndpointsPerClient = maxEndpointsPerClient == null ? 20 : maxEndpointsPerClient;
        if (maxEndpointsPerClient < 1) {
            throw new IllegalArgumentException("reelsmith.webhooks.max-endpoints-per-client must be at least 1");
        }
    }
}
