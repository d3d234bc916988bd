package com.reelsmith.gateway.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * adminApiKey: the bootstrap admin key from ADMIN_API_KEY (checked in memory, never stored).
 * cacheTtl: how long a verified key is trusted without another bcrypt round; also the longest a
 * revoked key still works on another gateway instance (this one forgets it at once).
 * failedCacheTtl: how long a refused key is refused again without a lookup or bcrypt round.
 * failuresPerMinutePerKey / failuresPerMinutePerAddress: key checks that may fail per key prefix
 * and per remote address each minute before further checks are answered 429 (see AuthThrottle).
 */
@ConfigurationProperties("reelsmith.auth")
public record AuthProperties(String adminApiKey, Duration cacheTtl, Duration failedCacheTtl,
                             Integer failuresPerMinutePerKey, Integer failuresPerMinutePerAddress) {

    public AuthProperties {
        cacheTtl = cacheTtl == null ? Duration.ofSeconds(10) : cacheTtl;
        failedCacheTtl = failedCacheTtl == null ? Duration.ofMinutes(1) : failedCacheTtl;
        failuresPerMinutePerKey = failuresPerMinutePerKey == null ? 10 : failuresPerMinutePerKey;
        failuresPerMinutePerAddress = failuresPerMinutePerAddress == null ? 30 : failuresPerMinutePerAddress;
    }
}
