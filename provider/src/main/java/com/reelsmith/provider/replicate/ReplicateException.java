package com.reelsmith.provider.replicate;

import com.reelsmith.provider.ProviderException;
import java.time.Duration;
import java.util.Optional;

/** A failed call to Replicate: the HTTP status (0 when there was no answer) and, on a 429, how long to wait. */
public class ReplicateException extends ProviderException {

    private final int httpStatus;
    private final Duration retryAfter;

    public ReplicateException(String code, String message, boolean retryable, int httpStatus, Duration retryAfter,
                              Throwable cause) {
        super(code, message, retryable, cause);
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** A 429, our create rate limiter, or an open circuit breaker: none of them is the work failing. */
    @Override
    public boolean throttled() {
        return httpStatus == 429 || "provider_rate_limited".equals(code()) || "provider_circuit_open".equals(code());
    }
}
