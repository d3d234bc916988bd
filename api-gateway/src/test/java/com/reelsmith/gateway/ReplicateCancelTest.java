package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.provider.replicate.ReplicateClient;
import com.reelsmith.provider.replicate.ReplicateSettings;
import com.reelsmith.testing.FakeReplicate;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Canceling a job whose prediction runs at Replicate cancels the prediction there too. */
class ReplicateCancelTest extends GatewayIntegrationTest {

    static final FakeReplicate REPLICATE = start();

    @DynamicPropertySource
    static void replicate(DynamicPropertyRegistry registry) {
        registry.add("reelsmith.replicate.base-url", () -> REPLICATE.url().toString());
        registry.add("reelsmith.replicate.api-token", () -> "r8_cancel_token");
    }

    @AfterAll
    static void stop() {
        REPLICATE.close();
    }

    @Test
    void cancelingAJobCancelsItsRunningPrediction() {
        var tenant = newTenant("Cancel Co");
        UUID job = UUID.fromString(as(tenant).post("/api/v2/generate/image",
                Map.of("campaign_id", newCampaign(tenant, "c"), "prompt", "x")).json().path("job_id").asString());
        var prediction = new ReplicateClient(new ReplicateSettings(REPLICATE.url(), "r8_cancel_token", null, 0),
                HttpClient.newHttpClient()).create("google/nano-banana", Map.of("prompt", "x"), null);
        GatewayEnvironment.update(DB, "update jobs set status = 'waiting', provider = 'replicate', prediction_id = ? "
                + "where id = ?", prediction.id(), job);

        var reply = as(tenant).post("/api/v2/jobs/" + job + "/cancel", Map.of());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(REPLICATE.statusOf(prediction.id())).isEqualTo("canceled");
    }

    private static FakeReplicate start() {
        try {
            return new FakeReplicate("r8_cancel_token", "whsec_dGVzdA==", Duration.ofMinutes(5));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
