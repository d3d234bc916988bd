package com.reelsmith.gateway.replicate;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's one binding of the Replicate settings: REPLICATE_BASE_URL, REPLICATE_API_TOKEN
 * (never logged) and REPLICATE_WEBHOOK_SECRET (whsec_…).
 */
@ConfigurationProperties("reelsmith.replicate")
public record ReplicateProperties(URI baseUrl, String apiToken, String webhookSecret) {

    public boolean hasToken() {
        return apiToken != null && !apiToken.isBlank();
    }

    public boolean hasWebhookSecret() {
        return webhookSecret != null && !webhookSecret.isBlank();
    }

    @Override
    public String toString() {
        return "ReplicateProperties[baseUrl=" + baseUrl + ", apiToken=***, webhookSecret=***]";
    }
}
