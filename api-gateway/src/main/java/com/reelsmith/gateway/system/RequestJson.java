package com.reelsmith.gateway.system;

import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * How request bodies are read: with the application's Jackson settings (snake_case, unknown fields
 * refused), plus limits and strict types that hold for what a caller sends but not for everything
 * the gateway parses (a Replicate webhook, read as raw bytes for its signature, is held to its own cap). Bodies are read
 * through {@link JsonBodyLimit} first, so no body is larger than {@link JsonBodyLimit#MAX_BYTES}.
 */
@Configuration(proxyBeanMethods = false)
class RequestJson implements WebMvcConfigurer {

    /** No field takes more than a few thousand characters; brand guidelines get room to spare. */
    static final int MAX_STRING_CHARS = 100_000;
    static final int MAX_NAME_CHARS = 1_000;
    /** Digits and exponent together; an absurd exponent is refused by {@link StrictScalars}. */
    static final int MAX_NUMBER_CHARS = 100;
    static final int MAX_NESTING = 32;

    private final JsonMapper requestMapper;

    RequestJson(ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        var constraints = StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS)
                .maxNameLength(MAX_NAME_CHARS).maxNumberLength(MAX_NUMBER_CHARS).maxNestingDepth(MAX_NESTING).build();
        var builder = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        this.requestMapper = StrictScalars.apply(builder).build();
    }

    /**
     * Runs when the converter list is built, after Spring Boot put its own JSON converter in. Only
     * the strict JSON converter may read objects: a YAML or XML converter on the classpath (a
     * library brings one) would read a body with none of the rules above, so they are dropped and
     * such a body is a 415.
     */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters -> {
            converters.replaceAll(converter -> converter instanceof JacksonJsonHttpMessageConverter
                    ? new JacksonJsonHttpMessageConverter(requestMapper) : converter);
            converters.removeIf(RequestJson::readsAnotherStructuredFormat);
        });
    }

    private static boolean readsAnotherStructuredFormat(HttpMessageConverter<?> converter) {
        String name = converter.getClass().getSimpleName();
        return !(converter instanceof JacksonJsonHttpMessageConverter)
                && (name.contains("Yaml") || name.contains("Xml") || name.contains("Cbor") || name.contains("Smile")
                    || name.contains("Jackson") || name.contains("Gson") || name.contains("Jsonb"));
    }
}
