package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The snapshot test's diff names what changed where, whatever the order of keys. */
class JsonDiffTest {

    @Test
    void namesAddedRemovedAndChangedValuesByPointerAndIgnoresKeyOrder() {
        var committed = OpenApiDocument.normalised("""
                {"paths": {"/a": {"get": {"responses": {"200": {}}}}, "/b~x": {}}, "info": {"version": "v2", "title": "R"}}""");
        var live = OpenApiDocument.normalised("""
                {"info": {"title": "R", "version": "v3"}, "paths": {"/a": {"get": {"responses": {"200": {}, "404": {}}}}}}""");

        assertThat(JsonDiff.between(committed, live)).containsExactly(
                "~ /info/version: \"v2\" -> \"v3\"",
                "+ /paths/~1a/get/responses/404: {}",
                "- /paths/~1b~0x: {}");
        assertThat(JsonDiff.between(live, OpenApiDocument.normalised(OpenApiDocument.pretty(live)))).isEmpty();
    }
}
