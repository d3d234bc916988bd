package com.reelsmith.gateway.auth;

import com.reelsmith.gateway.system.ApiException;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import java.util.concurrent.TimeUnit;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every /api request needs a key (Authorization: Bearer, or X-API-Key), from every address:
 * the old system skipped auth on localhost. Failures go through the error handler like any other.
 */
class AuthInterceptor implements HandlerInterceptor {

    static final String CALLER = Caller.class.getName();
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Authenticator authenticator;
    private final boolean required;
    private final Timer time;
    private final KeyUsage usage;

    /** required=false: a key is optional (the endpoint accepts a signed link instead), but a bad one is still refused. */
    AuthInterceptor(Authenticator authenticator, boolean required, Timer time, KeyUsage usage) {
        this.authenticator = authenticator;
        this.required = required;
        this.time = time;
        this.usage = usage;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String presented = presentedKey(request);
        if (presented == null) {
            if (!required) {
                return true;
            }
            throw ApiException.unauthorized("missing_api_key",
                    "send your API key as 'Authorization: Bearer sk_…' or 'X-API-Key: sk_…'");
        }
        long started = System.nanoTime();
        Optional<Caller> authenticated;
        try {
            authenticated = authenticator.authenticate(presented, request.getRemoteAddr());
        } finally {
            time.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        Caller caller = authenticated.orElseThrow(() -> ApiException.unauthorized(
                "invalid_api_key", "the API key is not valid or has been revoked"));
        if (caller.expired(Instant.now())) {
            throw ApiException.unauthorized("api_key_expired", "the API key expired at " + caller.expiresAt()
                    + "; ask for a new key");
        }
        if (caller.readOnly() && !SAFE_METHODS.contains(request.getMethod())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "read_only_key",
                    "this API key may only read (GET); use a key with scope 'all' to " + request.getMethod(), null);
        }
        usage.used(caller.keyId());
        request.setAttribute(CALLER, caller);
        return true;
    }

    private static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = authorization.substring(7).trim();
            return key.isEmpty() ? null : key;
        }
        String header = request.getHeader("X-API-Key");
        return header == null || header.isBlank() ? null : header.trim();
    }
}
