package com.reelsmith.work;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A worker's one binding of the Replicate settings (the gateway binds the same names for its
 * part): REPLICATE_BASE_URL, REPLICATE_API_TOKEN (never logged), how often a waiting prediction
 * is looked at without a webhook, and REPLICATE_CREATES_PER_MINUTE.
 */
@ConfigurationProperties("reelsmith.replicate")
public record WorkerReplicateProperties(URI baseUrl, String apiToken, Duration pollInterval, Integer createsPerMinute) {

    public WorkerReplicateProperties {
        baseUrl = baseUrl == null ? URI.create("https://api.replicate.com") : baseUrl;
        pollInterval = pollInterval == null ? Duration.ofSeconds(3) : pollInterval;
        createsPerMinute = createsPerMinute == null ? 600 : createsPerMinute;
    }

    public boolean hasToken() {
        return apiToken != null && !apiToken.isBlank();
    }

    @Override
    public String toString() {
        return "WorkerReplicateProperties[baseUrl=" + baseUrl + ", apiToken=***, pollInterval=" + pollInterval
                + ", createsPerMinute=" + createsPerMinute + "]";
    }
}
