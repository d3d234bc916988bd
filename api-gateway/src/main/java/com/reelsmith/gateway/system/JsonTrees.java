package com.reelsmith.gateway.system;

/**
 * The checks {@link StrictScalars} makes on typed bodies, for free-form JSON the API stores as it
 * came (brand guidelines) or reads field by field (a merge patch): no NUL or unpaired surrogate in
 * a string or key, no number beyond what a 64-bit float holds (1e400).
 */
public final class JsonTrees {

    private JsonTrees() {
    }

    /** {@code field}: the tree's name in errors, or null when the tree is the whole body. */
    public static void check(String field, tools.jackson.databind.JsonNode node) {
        if (node.isString()) {
            String refusal = StrictScalars.unstorable(node.asString());
            if (refusal != null) {
                throw ApiException.invalid(field, field + " " + refusal);
            }
        } else if (node.isNumber()) {
            boolean infinite = (node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue());
            boolean absurd = node.isBigDecimal() && StrictScalars.outOfRange(node.decimalValue());
            if (infinite || absurd) {
                throw ApiException.invalid(field, field + " is out of range");
            }
        } else if (node.isObject()) {
            for (var property : node.properties()) {
                String refusal = StrictScalars.unstorable(property.getKey());
                if (refusal != null) {
                    throw ApiException.invalid(field, "a key " + (field == null ? "" : "in " + field + " ") + refusal);
                }
                check(field == null ? property.getKey() : field + "." + property.getKey(), property.getValue());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check((field == null ? "" : field) + "[" + i + "]", node.get(i));
            }
        }
    }
}
