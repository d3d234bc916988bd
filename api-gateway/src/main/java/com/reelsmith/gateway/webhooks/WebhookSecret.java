package com.reelsmith.gateway.webhooks;

import com.reelsmith.gateway.system.ApiException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.reelsmith.gateway.replicate.ReplicateProperties;
import com.reelsmith.provider.replicate.ReplicateClient;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The secret that signs Replicate's webhooks: REPLICATE_WEBHOOK_SECRET, or fetched once from
 * Replicate's API with the token. Empty when neither is configured (webhooks are then refused).
 */
@Component
class WebhookSecret {

    private final ReplicateProperties properties;
    private final ReplicateClient replicate;
    static final Duration RETRY_FETCH_AFTER = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(WebhookSecret.class);

    private volatile String fetched;
    private Instant nextFetchAt = Instant.MIN;

    WebhookSecret(ReplicateProperties properties, ReplicateClient replicate) {
        this.properties = properties;
        this.replicate = replicate;
    }

    /** Whether a webhook could be verified at all; answered from configuration, without a call. */
    boolean configured() {
        return properties.hasWebhookSecret() || properties.hasToken();
    }

    /**
     * The secret, fetched at most once at a time and, after a failed fetch, not again for
     * {@link #RETRY_FETCH_AFTER}: unsigned posts must not make the gateway call Replicate on every
     * request. Until it is known a webhook is answered 503 with Retry-After (Replicate retries).
     */
    synchronized Optional<String> get() {
        if (properties.hasWebhookSecret()) {
            return Optional.of(properties.webhookSecret().trim());
        }
        if (fetched == null && properties.hasToken()) {
            if (Instant.now().isBefore(nextFetchAt)) {
                throw unavailable();
            }
            try {
                fetched = replicate.webhookSigningSecret();
            } catch (RuntimeException e) {
                nextFetchAt = Instant.now().plus(RETRY_FETCH_AFTER);
                log.warn("could not fetch the webhook signing secret from Replicate: {}", e.getMessage());
                throw unavailable();
            }
        }
        return Optional.ofNullable(fetched);
    }

    private static ApiException unavailable() {
        return ApiException.busy("webhook_secret_unavailable",
                "the webhook signing secret could not be fetched from Replicate yet; retry shortly",
                RETRY_FETCH_AFTER.toSeconds());
    }
}
