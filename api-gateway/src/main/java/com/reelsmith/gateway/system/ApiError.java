package com.reelsmith.gateway.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.slf4j.MDC;

/**
 * The one error body: {@code {"error": {"code", "message", "field", "request_id"}}}; the request
 * id is also the response's {@code X-Request-Id} and is on every log line of the request.
 */
public record ApiError(Detail error) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, String message, String field, String requestId) {
    }

    public static ApiError of(String code, String message, String field) {
        return new ApiError(new Detail(code, message, field, MDC.get(RequestIds.REQUEST_ID)));
    }
}
