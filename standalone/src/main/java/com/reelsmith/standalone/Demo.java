package com.reelsmith.standalone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Properties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A demo client, key and campaign, made once through the API itself and remembered in the data folder. */
record Demo(String clientKey, String campaignId) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Demo ensure(DataFolder folder, String baseUrl, String adminKey) throws Exception {
        var file = folder.resolve("demo.properties");
        var stored = new Properties();
        if (Files.exists(file)) {
            try (var in = Files.newBufferedReader(file)) {
                stored.load(in);
            }
            return new Demo(stored.getProperty("client_key"), stored.getProperty("campaign_id"));
        }
        String clientId = post(baseUrl + "/api/v2/clients", adminKey, "{\"name\": \"Demo client\"}").get("id").asString();
        String key = post(baseUrl + "/api/v2/clients/" + clientId + "/api-keys", adminKey, "{\"name\": \"demo\"}")
                .get("api_key").asString();
        String campaign = post(baseUrl + "/api/v2/campaigns", key, "{\"name\": \"Demo campaign\"}").get("id").asString();
        stored.setProperty("client_key", key);
        stored.setProperty("campaign_id", campaign);
        try (var out = Files.newBufferedWriter(file)) {
            stored.store(out, "made by reelsmith --demo");
        }
        return new Demo(key, campaign);
    }

    private static JsonNode post(String url, String key, String body) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("demo setup: " + url + " answered " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
