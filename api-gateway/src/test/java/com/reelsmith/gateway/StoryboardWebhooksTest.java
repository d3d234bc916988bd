package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** A storyboard's approval reaches the client's endpoint, through the outbox like every event. */
class StoryboardWebhooksTest extends StoryboardTestBase {

    @DynamicPropertySource
    static void webhooks(DynamicPropertyRegistry registry) {
        registry.add("reelsmith.outbound.allowed-cidrs", () -> "127.0.0.1/32");
    }

    @Test
    void anApprovedStoryboardIsDelivered() {
        try (var receiver = WebhookReceiver.started()) {
            var tenant = newTenant("approvals");
            var endpoint = as(tenant).post("/api/v2/webhook-endpoints",
                    Map.of("url", receiver.url("/storyboards"), "event_types", List.of("storyboard.approved")));
            assertThat(endpoint.status()).as("%s", endpoint).isEqualTo(201);
            UUID storyboard = plannedStoryboard(tenant);
            assertThat(as(tenant).post("/api/v2/storyboards/" + storyboard + "/submit", Map.of("version", 1)).status())
                    .isEqualTo(200);
            var approved = as(tenant).post("/api/v2/storyboards/" + storyboard + "/approve", Map.of("version", 1));
            assertThat(approved.status()).as("%s", approved).isEqualTo(200);

            Eventually.await("the approval delivered", Duration.ofSeconds(30), () -> !receiver.at("/storyboards").isEmpty());
            JsonNode body = GatewayClient.JSON.readTree(receiver.at("/storyboards").get(0).body());
            assertThat(body.path("type").asString()).isEqualTo("storyboard.approved");
            assertThat(body.path("data").path("storyboard_id").asString()).isEqualTo(storyboard.toString());
            assertThat(body.path("data").path("approved_version").asInt()).isEqualTo(1);
        }
    }
}
