package com.reelsmith.gateway.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * adminApiKey: the bootstrap admin key from ADMIN_API_KEY (checked in memory, never stored).
 * cacheTtl: how long a verified key is trusted without another bcrypt round; also the longest a
 * revoked key still works on another gateway instance (this one forgets it at once).
 */
@ConfigurationProperties("reelsmith.auth")
public record AuthProperties(String adminApiKey, Duration cacheTtl) {

    public AuthProperties {
        cacheTtl = cacheTtl == null ? Duration.ofSeconds(10) : cacheTtl;
    }
}
