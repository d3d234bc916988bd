package com.reelsmith.gateway.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schemas named as the API writes them. The application's Jackson (3) writes snake_case
 * (spring.jackson.property-naming-strategy); swagger-core reads types with a Jackson 2 mapper of
 * its own, told the same strategy here. A record is written whole, nulls included, so its
 * properties are all required (present) unless the record says it leaves nulls out.
 */
class WireModelResolver extends ModelResolver {

    WireModelResolver() {
        super(Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE), new FeatureNames());
        openapi31(true);
    }

    /**
     * Schema names unique across features: three controllers answer a nested record {@code Accepted},
     * which swagger-core would name alike (one schema for three shapes). A nested type is named after
     * its enclosing class too, unless its own name already says it ({@code CampaignController.CampaignView}).
     */
    static final class FeatureNames extends TypeNameResolver {

        @Override
        protected String getNameOfClass(Class<?> type) {
            String name = super.getNameOfClass(type);
            Class<?> enclosing = type.getEnclosingClass();
            if (enclosing == null || type.isAnnotationPresent(io.swagger.v3.oas.annotations.media.Schema.class)) {
                return name;
            }
            String prefix = enclosing.getSimpleName().replaceAll("(Controller|Views)$", "");
            return name.startsWith(prefix) ? name : prefix + name;
        }
    }

    /**
     * Per model name, the properties always present; applied to the finished document (springdoc copies
     * schemas). Shared by every instance in the JVM: swagger-core's converters and their resolved models
     * outlive one application context, so a second context's resolver may never see a model resolved by
     * the first (tests start several), and what a record always writes does not depend on the context.
     */
    private static final Map<String, List<String>> alwaysPresent = new ConcurrentHashMap<>();

    @Override
    public Schema resolve(AnnotatedType annotatedType, ModelConverterContext context, Iterator<ModelConverter> next) {
        Schema schema = super.resolve(annotatedType, context, next);
        JavaType type = _mapper.constructType(annotatedType.getType());
        Class<?> raw = type.getRawClass();
        if (raw.isRecord() && !leavesNullsOut(raw)) {
            List<String> present = new ArrayList<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                if (!leavesNullsOut(component)) {
                    present.add(PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(component.getName()));
                }
            }
            alwaysPresent.put(_typeNameResolver.nameForType(type), present);
        }
        return schema;
    }

    /** Marks the properties a record always writes as required, in the document's component schemas. */
    void markRequired(Map<String, Schema> schemas) {
        alwaysPresent.forEach((name, present) -> {
            Schema schema = schemas.get(name);
            if (schema == null || schema.getProperties() == null) {
                return;
            }
            List<String> required = present.stream().filter(schema.getProperties()::containsKey).sorted().toList();
            schema.setRequired(required.isEmpty() ? null : new ArrayList<>(required));
        });
    }

    private static boolean leavesNullsOut(Class<?> type) {
        JsonInclude include = type.getAnnotation(JsonInclude.class);
        return include != null && include.value() != JsonInclude.Include.ALWAYS;
    }

    private static boolean leavesNullsOut(RecordComponent component) {
        JsonInclude include = component.getAnnotation(JsonInclude.class);
        if (include == null) {
            try {
                include = component.getDeclaringRecord().getDeclaredField(component.getName()).getAnnotation(JsonInclude.class);
            } catch (NoSuchFieldException e) {
                return false;
            }
        }
        return include != null && include.value() != JsonInclude.Include.ALWAYS;
    }
}
