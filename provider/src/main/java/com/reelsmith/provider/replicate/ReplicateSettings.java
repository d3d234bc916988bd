package com.reelsmith.provider.replicate;

import java.net.URI;
import java.time.Duration;

/**
 * Where Replicate is (REPLICATE_BASE_URL), the token (REPLICATE_API_TOKEN; never logged, never in
 * a message: see {@link #toString()}), how long a call may take, and the largest output accepted.
 */
public record ReplicateSettings(URI baseUrl, String apiToken, Duration timeout, long maxOutputBytes) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.replicate.com");

    public ReplicateSettings {
        baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        maxOutputBytes = maxOutputBytes <= 0 ? 200L * 1024 * 1024 : maxOutputBytes;
    }

    @Override
    public String toString() {
        return "ReplicateSettings[baseUrl=" + baseUrl + ", apiToken=" + (apiToken == null ? "none" : "***")
                + ", timeout=" + timeout + ", maxOutputBytes=" + maxOutputBytes + "]";
    }
}
