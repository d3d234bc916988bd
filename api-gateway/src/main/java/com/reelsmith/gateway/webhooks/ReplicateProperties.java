package com.reelsmith.gateway.webhooks;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** REPLICATE_BASE_URL, REPLICATE_API_TOKEN (never logged) and REPLICATE_WEBHOOK_SECRET (whsec_…). */
@ConfigurationProperties("reelsmith.replicate")
public record ReplicateProperties(URI baseUrl, String apiToken, String webhookSecret) {

    @Override
    public String toString() {
        return "ReplicateProperties[baseUrl=" + baseUrl + ", apiToken=***, webhookSecret=***]";
    }
}
