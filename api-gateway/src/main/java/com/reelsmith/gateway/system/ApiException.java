package com.reelsmith.gateway.system;

import org.springframework.http.HttpStatus;

/**
 * Every refusal the API makes on purpose: a status, a stable code a program can branch on, a
 * message a person can act on and, when one field is at fault, its name. Mapped once, in
 * {@link ApiErrorHandler}, to {@code {"error": {"code", "message", "field"}}}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String field;
    /** Seconds the client should wait before trying again (the Retry-After header), or null. */
    private final Long retryAfterSeconds;

    public ApiException(HttpStatus status, String code, String message, String field) {
        this(status, code, message, field, null);
    }

    private ApiException(HttpStatus status, String code, String message, String field, Long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A refusal that passes (429 a limit, 503 a resource busy or away): the same request will do after {@code seconds}. */
    public static ApiException retryLater(HttpStatus status, String code, String message, long seconds) {
        return new ApiException(status, code, message, null, seconds);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", message, field);
    }

    public static ApiException missing(String field) {
        return new ApiException(HttpStatus.BAD_REQUEST, "missing_field", field + " is required", field);
    }

    /** Unknown ids and other clients' ids look the same: no existence leak. */
    public static ApiException notFound(String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", "no " + what + " with id " + id, null);
    }

    public static ApiException unauthorized(String code, String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, code, message, null);
    }

    /** 503 with Retry-After: a shared resource is busy or away for a moment; the same request will do later. */
    public static ApiException busy(String code, String message, long retryAfterSeconds) {
        return retryLater(HttpStatus.SERVICE_UNAVAILABLE, code, message, retryAfterSeconds);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message, null);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    /** Headers the answer must carry (Retry-After on a 429, say). */
    public java.util.Map<String, String> headers() {
        return retryAfterSeconds == null ? java.util.Map.of() : java.util.Map.of("Retry-After", retryAfterSeconds.toString());
    }
}
