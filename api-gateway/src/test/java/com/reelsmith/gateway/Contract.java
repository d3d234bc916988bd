package com.reelsmith.gateway;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document as a judge of real answers: which operation a request reached, whether the
 * status it got is documented, and whether the JSON body fits the schema of that status both ways
 * (no property the schema lacks, every required one present). Nulls are accepted for any property:
 * the document does not say which may be null.
 */
final class Contract {

    /** One operation of the document: a method and a path template. */
    record Operation(String method, String template) implements Comparable<Operation> {
        @Override
        public int compareTo(Operation other) {
            return (template + " " + method).compareTo(other.template + " " + other.method);
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private final JsonNode document;
    private final Map<Operation, Pattern> operations = new LinkedHashMap<>();

    Contract(JsonNode document) {
        this.document = document;
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            String regex = "\\Q" + path.getKey().replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
            operations.put(new Operation(method.getKey().toUpperCase(), path.getKey()), Pattern.compile(regex));
        }));
    }

    Set<Operation> operations() {
        return new TreeSet<>(operations.keySet());
    }

    JsonNode operation(Operation operation) {
        return document.path("paths").path(operation.template()).path(operation.method().toLowerCase());
    }

    /** The operation a concrete request reaches: of the templates that match, the one with most literal text. */
    Operation match(String method, String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        Operation best = null;
        int bestLiteral = -1;
        for (var entry : operations.entrySet()) {
            if (entry.getKey().method().equals(method) && entry.getValue().matcher(bare).matches()) {
                int literal = entry.getKey().template().replaceAll("\\{[^}]+}", "").length();
                if (literal > bestLiteral) {
                    best = entry.getKey();
                    bestLiteral = literal;
                }
            }
        }
        return best;
    }

    /** Whether the operation needs a key: its own security, or the document's, has no empty requirement. */
    boolean needsKey(Operation operation) {
        JsonNode security = operation(operation).has("security") ? operation(operation).get("security")
                : document.path("security");
        if (security.isEmpty()) {
            return false;
        }
        for (JsonNode requirement : security) {
            if (requirement.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** What is wrong with one answer, as lines naming the operation; empty when it is as documented. */
    List<String> judge(Operation operation, int status, String contentType, byte[] body, JsonNode json) {
        List<String> problems = new ArrayList<>();
        JsonNode responses = operation(operation).path("responses");
        JsonNode response = responses.has(String.valueOf(status)) ? responses.get(String.valueOf(status))
                : responses.get("default");
        if (response == null) {
            problems.add(operation + " answered " + status + ", which it does not document (documented: "
                    + String.join(", ", responses.propertyNames()) + ")");
            return problems;
        }
        JsonNode content = response.path("content");
        boolean sentJson = contentType != null && contentType.startsWith("application/json");
        if (content.isMissingNode() || content.isEmpty()) {
            if (body.length > 0) {
                problems.add(operation + " " + status + ": documents no body, sent " + body.length + " bytes");
            }
            return problems;
        }
        String sentType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        boolean documentedType = content.has(sentType) || content.has("*/*")
                || content.has(sentType.substring(0, Math.max(0, sentType.indexOf('/') + 1)) + "*");
        if (!documentedType) {
            problems.add(operation + " " + status + ": sent " + contentType + ", documents only "
                    + String.join(", ", content.propertyNames()));
            return problems;
        }
        if (!sentJson) {
            return problems;
        }
        JsonNode schema = content.path("application/json").path("schema");
        if (schema.isMissingNode()) {
            problems.add(operation + " " + status + ": sent JSON, documents only " + String.join(", ", content.propertyNames()));
            return problems;
        }
        walk(operation + " " + status + " ", "$", schema, json, problems);
        return problems;
    }

    private JsonNode resolved(JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            schema = document.at(ref.substring(1));
        }
        return schema;
    }

    private void walk(String prefix, String at, JsonNode schema, JsonNode value, List<String> problems) {
        schema = resolved(schema);
        if (value == null || value.isNull() || schema.isEmpty()) {
            return; // any value fits {}, and nulls are not judged (see the class comment)
        }
        for (String combiner : List.of("oneOf", "anyOf")) {
            if (schema.has(combiner)) {
                for (JsonNode option : schema.get(combiner)) {
                    List<String> attempt = new ArrayList<>();
                    walk(prefix, at, option, value, attempt);
                    if (attempt.isEmpty()) {
                        return;
                    }
                }
                problems.add(prefix + at + ": fits none of " + combiner);
                return;
            }
        }
        if (schema.has("allOf")) {
            schema.get("allOf").forEach(part -> walk(prefix, at, part, value, problems));
            return;
        }
        Set<String> types = new TreeSet<>();
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asString()));
        } else if (type.isString()) {
            types.add(type.asString());
        } else if (schema.has("properties")) {
            types.add("object");
        }
        if (!types.isEmpty() && !types.contains(typeOf(value)) && !(types.contains("number") && value.isNumber())) {
            problems.add(prefix + at + ": is " + typeOf(value) + " " + shortened(value) + ", the schema says " + types);
            return;
        }
        if (schema.has("enum") && value.isValueNode()) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                problems.add(prefix + at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isObject() && !schema.has("properties") && !schema.has("additionalProperties")) {
            return; // a free-form object (brand guidelines, a history entry's detail): any properties
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext(); ) {
                var field = it.next();
                if (properties.has(field.getKey())) {
                    walk(prefix, at + "." + field.getKey(), properties.get(field.getKey()), field.getValue(), problems);
                } else if (additional != null && !(additional.isBoolean() && !additional.asBoolean())) {
                    if (additional.isObject()) {
                        walk(prefix, at + "." + field.getKey(), additional, field.getValue(), problems);
                    }
                } else {
                    problems.add(prefix + at + ": sent property '" + field.getKey() + "' the schema does not have"
                            + " (it has: " + String.join(", ", properties.propertyNames()) + ")");
                }
            }
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asString())) {
                    problems.add(prefix + at + ": required property '" + required.asString() + "' was not sent");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                walk(prefix, at + "[" + i + "]", schema.get("items"), value.get(i), problems);
            }
        }
    }

    private static String typeOf(JsonNode value) {
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isString()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        return value.isNumber() ? "number" : "null";
    }

    private static String shortened(JsonNode value) {
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
