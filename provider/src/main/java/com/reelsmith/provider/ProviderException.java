package com.reelsmith.provider;

/**
 * A provider call failed. {@code retryable}: a later attempt may succeed (timeouts, 429, 5xx);
 * {@code code}: short snake_case a client can branch on, e.g. invalid_input, provider_unavailable.
 */
public class ProviderException extends RuntimeException {

    private final String code;
    private final boolean retryable;

    public ProviderException(String code, String message, boolean retryable) {
        this(code, message, retryable, null);
    }

    public ProviderException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    /** How long the provider asked us to wait (Retry-After), when it said. */
    public java.util.Optional<java.time.Duration> retryAfter() {
        return java.util.Optional.empty();
    }

    /**
     * The provider pushed back (it throttled us, or our own guard held the call back) rather
     * than failed the work: the job waits and tries again without spending one of its attempts.
     */
    public boolean throttled() {
        return false;
    }
}
