package com.reelsmith.gateway.clientwebhooks;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: the first retry after {@code first}, each later one six
 * times longer (5 s, 30 s, 3 min, 18 min, 1.8 h with the defaults), capped at {@code max}, and
 * spread by +-20 % so the deliveries of one outage do not all come back at the same instant.
 */
record Backoff(Duration first, Duration max) {

    /** The wait after the {@code failures}-th failed attempt (1 for the first). */
    Duration after(int failures) {
        double millis = first.toMillis() * Math.pow(6, Math.max(0, Math.min(failures - 1, 20)));
        double capped = Math.min(millis, max.toMillis());
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, Math.round(capped * jitter)));
    }
}
