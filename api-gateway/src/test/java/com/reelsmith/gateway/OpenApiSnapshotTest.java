package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The committed contract ({@value OpenApiDocument#SNAPSHOT}) is what the running gateway publishes
 * at /v3/api-docs. The Java client (module api-client) is generated from the snapshot, so a change
 * of the API that is not also a change of the snapshot fails here, with the command that refreshes it.
 */
class OpenApiSnapshotTest extends GatewayIntegrationTest {

    static final String REFRESH = "./mvnw -B -o -pl api-gateway -am test -Dtest=OpenApiSnapshotTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dreelsmith.openapi.update=true";

    @Test
    void theLiveDocumentIsTheCommittedSnapshot() throws IOException, InterruptedException {
        var response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode live = OpenApiDocument.normalised(response.body());
        Path snapshot = OpenApiDocument.snapshotPath();
        if (Boolean.getBoolean("reelsmith.openapi.update")) {
            Files.createDirectories(snapshot.getParent());
            Files.writeString(snapshot, OpenApiDocument.pretty(live) + "\n");
            System.out.println("OpenAPI snapshot written to " + snapshot.toAbsolutePath());
            return;
        }
        if (!Files.exists(snapshot)) {
            fail("no OpenAPI snapshot at " + snapshot + "; write it with:\n  " + REFRESH);
        }
        JsonNode committed = OpenApiDocument.normalised(Files.readString(snapshot));
        var differences = JsonDiff.between(committed, live);
        if (!differences.isEmpty()) {
            fail("/v3/api-docs differs from the committed snapshot " + OpenApiDocument.SNAPSHOT + " ("
                    + differences.size() + " difference(s); '-' snapshot, '+' live):\n  "
                    + String.join("\n  ", differences.subList(0, Math.min(60, differences.size())))
                    + (differences.size() > 60 ? "\n  ..." : "")
                    + "\nIf the change is intended, refresh the snapshot (and commit it) with:\n  " + REFRESH);
        }
    }
}
