package com.reelsmith.gateway.system;

import java.util.stream.Collectors;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Maps every failure, ours and the framework's, to the one JSON error shape. */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private final DataSize uploadLimit;

    ApiErrorHandler(@Value("${spring.servlet.multipart.max-file-size:10MB}") DataSize uploadLimit) {
        this.uploadLimit = uploadLimit;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        var response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        e.headers().forEach((name, value) -> response.header(name, value));
        return response.body(ApiError.of(e.code(), e.getMessage(), e.field()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        if (e.getMostSpecificCause() instanceof ApiException refused) {
            return api(refused); // a body over JsonBodyLimit, stopped while a field was being read
        }
        if (e.getMostSpecificCause() instanceof StrictScalars.RefusedValue refused && pathOf(refused) != null) {
            return respond(HttpStatus.BAD_REQUEST, "invalid_field",
                    pathOf(refused) + " " + refused.getOriginalMessage(), pathOf(refused));
        }
        if (e.getMostSpecificCause() instanceof StreamConstraintsException limit) {
            String field = pathOf(limit);
            return respond(HttpStatus.BAD_REQUEST, field == null ? "malformed_json" : "invalid_field",
                    (field == null ? "the body" : field) + " is over a limit of this API: " + limit.getOriginalMessage(),
                    field);
        }
        if (e.getMostSpecificCause() instanceof MismatchedInputException mismatch && pathOf(mismatch) != null
                && expected(mismatch.getTargetType()) != null) {
            return respond(HttpStatus.BAD_REQUEST, "invalid_field",
                    pathOf(mismatch) + " must be " + expected(mismatch.getTargetType()), pathOf(mismatch));
        }
        if (e.getMostSpecificCause() instanceof UnrecognizedPropertyException unknown) {
            return respond(HttpStatus.BAD_REQUEST, "unknown_field",
                    "unknown field '" + unknown.getPropertyName() + "'; known fields: "
                            + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted()
                            .collect(Collectors.joining(", ")),
                    pathOf(unknown));
        }
        if (e.getMostSpecificCause() instanceof JacksonException json) {
            String field = pathOf(json);
            if (field != null) {
                return respond(HttpStatus.BAD_REQUEST, "invalid_field",
                        field + " has the wrong type or format: " + json.getOriginalMessage(), field);
            }
            return respond(HttpStatus.BAD_REQUEST, "malformed_json",
                    "the body is not valid JSON: " + json.getOriginalMessage(), null);
        }
        return respond(HttpStatus.BAD_REQUEST, "malformed_json", "a JSON body is required", null);
    }

    /** A multipart body Tomcat could not take apart, such as a filename with a NUL character. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ApiError> badMultipart(MultipartException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidFileNameException) {
                return respond(HttpStatus.BAD_REQUEST, "invalid_field",
                        "the file name contains a NUL character; rename the file", "filename");
            }
        }
        return respond(HttpStatus.BAD_REQUEST, "malformed_multipart",
                "the multipart/form-data body cannot be read; send the image as the part named file", "file");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : e.getRequiredType().getSimpleName();
        return respond(HttpStatus.BAD_REQUEST, "invalid_field",
                e.getName() + " must be a " + ("UUID".equals(expected) ? "UUID" : expected) + ", was '" + e.getValue() + "'",
                e.getName());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return respond(HttpStatus.BAD_REQUEST, "missing_field", e.getParameterName() + " is required", e.getParameterName());
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ApiError> missingPart(MissingServletRequestPartException e) {
        return respond(HttpStatus.BAD_REQUEST, "missing_field",
                "multipart part '" + e.getRequestPartName() + "' is required", e.getRequestPartName());
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ApiError> missingHeader(MissingRequestHeaderException e) {
        return respond(HttpStatus.BAD_REQUEST, "missing_header", "header " + e.getHeaderName() + " is required", e.getHeaderName());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        long limit = e.getMaxUploadSize() > 0 ? e.getMaxUploadSize() : uploadLimit.toBytes();
        return respond(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
                "the upload is larger than the limit of " + limit + " bytes", "file");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> unsupportedType(HttpMediaTypeNotSupportedException e) {
        return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "Content-Type " + e.getContentType() + " is not accepted here; use " + e.getSupportedMediaTypes(), null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return respond(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                e.getMethod() + " is not allowed here; allowed: " + e.getSupportedHttpMethods(), null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noRoute(NoResourceFoundException e) {
        return respond(HttpStatus.NOT_FOUND, "not_found", "no such endpoint: /" + e.getResourcePath(), null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("unexpected error", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "something went wrong on our side; it has been logged", null);
    }

    /** What a wrong-typed value should have been, in JSON words; null for types not worth naming. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == java.math.BigDecimal.class || type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.util.UUID.class) {
            return "a UUID string";
        }
        return null;
    }

    private static String pathOf(JacksonException e) {
        if (e.getPath() == null || e.getPath().isEmpty()) {
            return null;
        }
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static ResponseEntity<ApiError> respond(HttpStatus status, String code, String message, String field) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ApiError.of(code, message, field));
    }
}
