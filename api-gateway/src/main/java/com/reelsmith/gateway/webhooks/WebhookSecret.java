package com.reelsmith.gateway.webhooks;

import com.reelsmith.provider.replicate.ReplicateClient;
import com.reelsmith.provider.replicate.ReplicateSettings;
import java.net.http.HttpClient;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The secret that signs Replicate's webhooks: REPLICATE_WEBHOOK_SECRET, or fetched once from
 * Replicate's API with the token. Empty when neither is configured (webhooks are then refused).
 */
@Component
class WebhookSecret {

    private final ReplicateProperties properties;
    private volatile String fetched;

    WebhookSecret(ReplicateProperties properties) {
        this.properties = properties;
    }

    Optional<String> get() {
        if (properties.webhookSecret() != null && !properties.webhookSecret().isBlank()) {
            return Optional.of(properties.webhookSecret().trim());
        }
        if (fetched == null && properties.apiToken() != null && !properties.apiToken().isBlank()) {
            fetched = new ReplicateClient(new ReplicateSettings(properties.baseUrl(), properties.apiToken(), null, 0),
                    HttpClient.newHttpClient()).webhookSigningSecret();
        }
        return Optional.ofNullable(fetched);
    }
}
