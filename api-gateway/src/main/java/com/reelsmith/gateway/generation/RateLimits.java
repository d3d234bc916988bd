package com.reelsmith.gateway.generation;

import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.model.JobKind;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Per API key and kind (image, video, upload), so one busy client cannot starve the others (and
 * a runaway script does not spend a campaign's budget in a minute). Never waits: over the limit is a 429 at once.
 * Per gateway instance: with N instances behind a balancer the effective limit is up to N times.
 */
@Component
public class RateLimits {

    @ConfigurationProperties("reelsmith.rate-limits")
    record Settings(Integer imagePerMinute, Integer videoPerMinute, Integer uploadsPerMinute) {
        Settings {
            imagePerMinute = imagePerMinute == null ? 10 : imagePerMinute;
            videoPerMinute = videoPerMinute == null ? 5 : videoPerMinute;
            uploadsPerMinute = uploadsPerMinute == null ? 30 : uploadsPerMinute;
        }
    }

    private final RateLimiterRegistry registry = RateLimiterRegistry.ofDefaults();
    private final Settings settings;

    RateLimits(Settings settings) {
        this.settings = settings;
    }

    void acquire(Caller caller, JobKind kind) {
        acquire(caller, kind.wire(), kind == JobKind.IMAGE ? settings.imagePerMinute() : settings.videoPerMinute());
    }

    /** Each upload is decoded to be checked: CPU and memory a script could otherwise ask for without end. */
    public void acquireUpload(Caller caller) {
        acquire(caller, "upload", settings.uploadsPerMinute());
    }

    private void acquire(Caller caller, String what, int perMinute) {
        String name = (caller.keyId() == null ? "admin" : caller.keyId().toString()) + ":" + what;
        RateLimiter limiter = registry.rateLimiter(name, RateLimiterConfig.custom()
                .limitForPeriod(perMinute).limitRefreshPeriod(Duration.ofMinutes(1)).timeoutDuration(Duration.ZERO).build());
        if (!limiter.acquirePermission()) {
            long retryAfter = limiter instanceof AtomicRateLimiter atomic
                    ? Duration.ofNanos(Math.max(0, atomic.getDetailedMetrics().getNanosToWait())).toSeconds() + 1 : 60;
            throw ApiException.retryLater(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", "at most " + perMinute + " "
                    + what + " requests a minute per API key; retry in " + retryAfter + " s", retryAfter);
        }
    }
}
