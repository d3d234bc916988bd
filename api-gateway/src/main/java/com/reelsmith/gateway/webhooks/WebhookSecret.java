package com.reelsmith.gateway.webhooks;

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
    private volatile String fetched;

    WebhookSecret(ReplicateProperties properties, ReplicateClient replicate) {
        this.properties = properties;
        this.replicate = replicate;
    }

    /** Whether a webhook could be verified at all; answered from configuration, without a call. */
    boolean configured() {
        return properties.hasWebhookSecret() || properties.hasToken();
    }

    Optional<String> get() {
        if (properties.hasWebhookSecret()) {
            return Optional.of(properties.webhookSecret().trim());
        }
        if (fetched == null && properties.hasToken()) {
            fetched = replicate.webhookSigningSecret();
        }
        return Optional.ofNullable(fetched);
    }
}
