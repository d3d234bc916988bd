package com.reelsmith.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The committed contract: where it lives and its normal form (keys sorted, so order never makes a difference). */
final class OpenApiDocument {

    /** Relative to the repository root; the api-client module generates its client from this file. */
    static final String SNAPSHOT = "api-gateway/src/main/resources/openapi/reelsmith-api.json";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private OpenApiDocument() {
    }

    /** Surefire runs in the module's directory; an IDE may run in the repository's. */
    static Path snapshotPath() {
        Path inModule = Path.of("src/main/resources/openapi/reelsmith-api.json");
        if (Files.isDirectory(Path.of("src/main/java/com/reelsmith/gateway"))) {
            return inModule;
        }
        return Path.of(SNAPSHOT);
    }

    static JsonNode normalised(String document) {
        return sorted(JSON.readTree(document));
    }

    static String pretty(JsonNode node) {
        return JSON.writeValueAsString(node);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            node.properties().forEach(e -> fields.put(e.getKey(), sorted(e.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }
}
