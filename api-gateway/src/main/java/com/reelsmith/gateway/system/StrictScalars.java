package com.reelsmith.gateway.system;

import java.math.BigDecimal;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * A value is taken as the JSON type it is: no number or boolean becomes a string, no string a
 * number, no fraction is cut to an integer. And values no column can hold are refused while the
 * body is read, naming their field: a NUL character (PostgreSQL text and jsonb cannot store it), an
 * unpaired surrogate (it would be stored as "?") and a decimal whose exponent would make scaling it
 * cost minutes.
 */
final class StrictScalars {

    /** What a 64-bit float holds, the range JSON readers agree on (RFC 8259, section 6). */
    static final int MAX_DECIMAL_EXPONENT = 308;

    private StrictScalars() {
    }

    static JsonMapper.Builder apply(JsonMapper.Builder builder) {
        var module = new SimpleModule("strict-scalars")
                .addDeserializer(String.class, new StorableStrings())
                .addDeserializer(BigDecimal.class, new BoundedDecimals());
        // exact decimals in trees too (a merge patch, brand guidelines): no 1e400 read as Infinity
        return builder.addModule(module).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.OtherScalar, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
    }

    /**
     * Beyond 1e308 or closer to zero than 1e-308 (and so a scale or exponent that would make
     * rescaling or comparing cost minutes), judged from precision and scale alone.
     */
    static boolean outOfRange(BigDecimal value) {
        long exponent = (long) value.precision() - value.scale() - 1;
        return Math.abs((long) value.scale()) > 2 * MAX_DECIMAL_EXPONENT
                || value.signum() != 0 && Math.abs(exponent) > MAX_DECIMAL_EXPONENT;
    }

    /** A value of the right type that the API will not take; the message completes "<field> ...". */
    static final class RefusedValue extends InvalidFormatException {
        RefusedValue(JsonParser parser, String message, Object value, Class<?> type) {
            super(parser, message, value, type);
        }
    }

    /** Why PostgreSQL cannot store {@code text} as it is, completing "<field> ...", or null when it can. */
    static String unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "must not contain the NUL character (\\u0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode: it has an unpaired surrogate (\\u" + Integer.toHexString(c) + ")";
            }
        }
        return null;
    }

    private static final class StorableStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = super.deserialize(p, ctxt);
            String refusal = value == null ? null : unstorable(value);
            if (refusal != null) {
                throw new RefusedValue(p, refusal, value, String.class);
            }
            return value;
        }
    }

    private static final class BoundedDecimals extends NumberDeserializers.BigDecimalDeserializer {
        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) {
            BigDecimal value = super.deserialize(p, ctxt);
            if (value != null && outOfRange(value)) {
                throw new RefusedValue(p, "is out of range", value, BigDecimal.class);
            }
            return value;
        }
    }
}
