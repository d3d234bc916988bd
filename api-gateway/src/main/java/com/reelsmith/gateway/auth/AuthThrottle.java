package com.reelsmith.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.reelsmith.gateway.system.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Limits the key checks that may fail, per key prefix (someone guessing secrets for a known
 * prefix) and per remote address (someone trying many keys), in one-minute windows. A check
 * reserves a slot in both before it touches the database or bcrypt and gives it back when the
 * key turns out valid, so a valid key never uses up a limit and concurrent guesses cannot
 * overshoot it. Over the limit: 429 with Retry-After, no database, no bcrypt. Keys already
 * verified are answered from the cache before this is asked, so an owner keeps working while
 * its prefix is attacked. Per gateway instance, like the other rate limits.
 */
@Component
class AuthThrottle {

    static final Duration WINDOW = Duration.ofMinutes(1);

    /** A reserved check: give it back when the key proved valid (or the check could not be made). */
    record Reservation(Window key, Window address) {
        void release() {
            key.release();
            address.release();
        }
    }

    static final class Window {
        private long startNanos = System.nanoTime();
        private int used;

        /** Takes a slot, or answers how many seconds until the window opens again. */
        synchronized long take(int limit) {
            long now = System.nanoTime();
            if (now - startNanos >= WINDOW.toNanos()) {
                startNanos = now;
                used = 0;
            }
            if (used >= limit) {
                return Math.max(1, Duration.ofNanos(WINDOW.toNanos() - (now - startNanos)).toSeconds() + 1);
            }
            used++;
            return 0;
        }

        synchronized void release() {
            used = Math.max(0, used - 1);
        }
    }

    private final int perKey;
    private final int perAddress;
    private final Cache<String, Window> keys = Caffeine.newBuilder().expireAfterAccess(WINDOW.multipliedBy(2))
            .maximumSize(100_000).build();
    private final Cache<String, Window> addresses = Caffeine.newBuilder().expireAfterAccess(WINDOW.multipliedBy(2))
            .maximumSize(100_000).build();

    AuthThrottle(AuthProperties properties) {
        this.perKey = properties.failuresPerMinutePerKey();
        this.perAddress = properties.failuresPerMinutePerAddress();
    }

    Reservation reserve(String publicId, String remoteAddress) {
        Window address = addresses.get(remoteAddress == null ? "unknown" : remoteAddress, a -> new Window());
        long wait = address.take(perAddress);
        if (wait > 0) {
            throw tooManyFailures("too many failed API key checks from your address", wait);
        }
        Window key = keys.get(publicId, k -> new Window());
        wait = key.take(perKey);
        if (wait > 0) {
            address.release();
            throw tooManyFailures("too many failed checks of this API key prefix", wait);
        }
        return new Reservation(key, address);
    }

    /** 429 with Retry-After, mapped like every ApiException. */
    private static ApiException tooManyFailures(String what, long retryAfterSeconds) {
        return ApiException.retryLater(HttpStatus.TOO_MANY_REQUESTS, "too_many_failed_authentications",
                what + "; retry in " + retryAfterSeconds + " s with a valid key", retryAfterSeconds);
    }
}
