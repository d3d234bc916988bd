package com.reelsmith.gateway.contract;

import com.reelsmith.gateway.system.AlsoOk;
import com.reelsmith.gateway.system.NoApiKey;
import com.reelsmith.gateway.system.Refuses;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;

/**
 * Rules applied to every operation, so an endpoint added later is documented right without
 * annotations: its success status (from {@code @ResponseStatus}), the error statuses every
 * endpoint may answer plus those it declares with {@link Refuses}, each with the one error body
 * ({@code ApiError}), its security ({@link NoApiKey}), and the values a path variable's pattern
 * allows ({@code {kind:images|videos}}).
 */
class ContractCustomizer implements GlobalOperationCustomizer, GlobalOpenApiCustomizer {

    static final String ERROR_SCHEMA = "ApiError";
    private static final Pattern PATTERNED_VARIABLE = Pattern.compile("\\{(\\w+):([\\w|-]+)}");

    /** What each error status means in this API, for the document. */
    private static final Map<Integer, String> MEANING = Map.ofEntries(
            Map.entry(400, "malformed or invalid input; error.field names the field to fix"),
            Map.entry(401, "no API key, or one that is not valid, revoked or expired"),
            Map.entry(402, "the campaign's budget would be passed (budget_exceeded)"),
            Map.entry(403, "the key may not do this (an admin-only endpoint, a read-only key, a bad signed link)"),
            Map.entry(404, "no such resource, or one of another client (they look the same)"),
            Map.entry(409, "a state conflict: an archived campaign, a stale version, a finished job, a reused idempotency key"),
            Map.entry(413, "the body or upload is over the size limit"),
            Map.entry(415, "a Content-Type or file type this endpoint does not take"),
            Map.entry(422, "well-formed input a business rule refuses (a banned word of the brand guidelines)"),
            Map.entry(429, "too many requests (a rate limit, or failed authentications); see Retry-After"),
            Map.entry(503, "a dependency is down for a moment; see Retry-After"));

    private final WireModelResolver models;

    ContractCustomizer(WireModelResolver models) {
        this.models = models;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        name(operation, handler);
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        successStatus(responses, handler);
        bytesAsTheyAre(responses);

        NoApiKey noKey = handler.getMethodAnnotation(NoApiKey.class);
        if (noKey != null) {
            List<SecurityRequirement> security = new ArrayList<>();
            if (noKey.keyAccepted()) {
                security.add(new SecurityRequirement()); // {}: anonymous, with a signed link
                security.add(new SecurityRequirement().addList(OpenApiConfiguration.BEARER));
                security.add(new SecurityRequirement().addList(OpenApiConfiguration.API_KEY_HEADER));
            }
            operation.setSecurity(security);
            operation.setDescription(join(operation.getDescription(), "Needs no API key: " + noKey.value() + "."));
        }

        Set<Integer> errors = new TreeSet<>(List.of(400, 404, 503));
        if (noKey == null || noKey.keyAccepted()) {
            errors.addAll(List.of(401, 403, 429));
        }
        if (operation.getRequestBody() != null) {
            errors.addAll(List.of(413, 415)); // every body is bounded and typed
        }
        Refuses refuses = handler.getMethodAnnotation(Refuses.class);
        if (refuses != null) {
            Arrays.stream(refuses.value()).forEach(errors::add);
        }
        for (int status : errors) {
            responses.addApiResponse(String.valueOf(status), new ApiResponse()
                    .description(MEANING.getOrDefault(status, HttpStatus.valueOf(status).getReasonPhrase()))
                    .content(new Content().addMediaType("application/json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA)))));
        }
        enumsOfPatternedVariables(operation, handler);
        responses.values().forEach(ContractCustomizer::requestIdHeaders);
        return operation;
    }

    @Override
    public void customise(OpenAPI openApi) {
        models.markRequired(openApi.getComponents().getSchemas());
        Schema<Object> detail = new Schema<>().type("object")
                .addProperty("code", new Schema<>().type("string").description("stable, for programs to branch on"))
                .addProperty("message", new Schema<>().type("string").description("for people: what to fix"))
                .addProperty("field", new Schema<>().type("string").description("the field at fault, when one is"))
                .addProperty("request_id", new Schema<>().type("string")
                        .description("the request's id, also its X-Request-Id header and on every log line of it: quote it when asking for help"))
                .required(List.of("code", "message"));
        openApi.getComponents().addSchemas(ERROR_SCHEMA, new Schema<>().type("object")
                .description("The one error body of the API")
                .addProperty("error", detail).required(List.of("error")));
    }

    /**
     * Stable names for generated clients: the tag is the feature (the controller's package), the
     * operation id the controller and method ({@code campaignCreate}), so an endpoint added elsewhere
     * never renumbers another's id as springdoc's own {@code create_1} would.
     */
    private static void name(Operation operation, HandlerMethod handler) {
        String pkg = handler.getBeanType().getPackageName();
        operation.setTags(List.of(pkg.substring(pkg.lastIndexOf('.') + 1)));
        String controller = handler.getBeanType().getSimpleName().replace("Controller", "");
        String method = handler.getMethod().getName();
        operation.setOperationId(Character.toLowerCase(controller.charAt(0)) + controller.substring(1)
                + Character.toUpperCase(method.charAt(0)) + method.substring(1));
    }

    /**
     * Bytes (media, asset data) go out with their own type (image/png, video/mp4...), not the JSON
     * springdoc assumes by default: documented as any type, binary.
     */
    private static void bytesAsTheyAre(ApiResponses responses) {
        responses.forEach((code, response) -> {
            Content content = response.getContent();
            MediaType json = content == null ? null : content.get("application/json");
            if (json != null && json.getSchema() != null && "binary".equals(json.getSchema().getFormat())) {
                content.remove("application/json");
                content.addMediaType("*/*", json);
            }
        });
    }

    /** A ResponseEntity's status is decided at run time; @ResponseStatus on the method says it to the document. */
    private static void successStatus(ApiResponses responses, HandlerMethod handler) {
        ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), ResponseStatus.class);
        if (declared == null) {
            return;
        }
        String code = String.valueOf(declared.code().value());
        AlsoOk repeat = handler.getMethodAnnotation(AlsoOk.class);
        if (repeat != null) {
            // both: the declared status for a new one, 200 for the one asked for before
            // (springdoc reads @ResponseStatus itself: the body is documented under either code)
            ApiResponse ok = responses.get("200");
            ApiResponse declaredResponse = responses.get(code);
            Content body = ok != null ? ok.getContent() : declaredResponse == null ? null : declaredResponse.getContent();
            if (declaredResponse == null) {
                responses.addApiResponse(code, new ApiResponse().description(declared.code().getReasonPhrase()).content(body));
            }
            responses.addApiResponse("200", new ApiResponse().description(repeat.value()).content(body));
            return;
        }
        ApiResponse ok = responses.remove("200");
        if (ok != null && !responses.containsKey(code)) {
            responses.addApiResponse(code, ok.description(declared.code().getReasonPhrase()));
        }
        if (declared.code() == HttpStatus.NO_CONTENT && responses.get(code) != null) {
            responses.get(code).setContent(null);
        }
    }

    /** Every answer names its request and trace (RequestIds), errors also in error.request_id. */
    private static void requestIdHeaders(ApiResponse response) {
        response.addHeaderObject("X-Request-Id", new Header().schema(new Schema<>().type("string"))
                .description("the request's id: the one sent (when sane) or a new req_..."));
        response.addHeaderObject("X-Trace-Id", new Header().schema(new Schema<>().type("string"))
                .description("the W3C trace id (from traceparent, or a new one)"));
    }

    private static void enumsOfPatternedVariables(Operation operation, HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        if (mapping == null || operation.getParameters() == null) {
            return;
        }
        for (String path : mapping.path()) {
            Matcher variable = PATTERNED_VARIABLE.matcher(path);
            while (variable.find()) {
                String name = variable.group(1);
                List<String> values = List.of(variable.group(2).split("\\|"));
                for (Parameter parameter : operation.getParameters()) {
                    if ("path".equals(parameter.getIn()) && name.equals(parameter.getName())) {
                        // a new schema: springdoc may share one instance among parameters of a type
                        Schema<String> schema = new Schema<String>().type("string");
                        schema.setEnum(new ArrayList<>(values));
                        parameter.setSchema(schema);
                    }
                }
            }
        }
    }

    private static String join(String first, String second) {
        return first == null || first.isBlank() ? second : first + "\n\n" + second;
    }
}
