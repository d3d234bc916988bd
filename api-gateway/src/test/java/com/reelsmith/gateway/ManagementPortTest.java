package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Metrics and detailed health are not for the internet: they live on the management port
 * (MANAGEMENT_PORT). The API port keeps a bare status for load balancers (/livez, /readyz).
 */
class ManagementPortTest extends GatewayIntegrationTest {

    /** The management port the test context got (random, like the API port); -1 when there is none. */
    @Value("${local.management.port:-1}")
    int managementPort;

    @Test
    void prometheusAndDetailedHealthAreNotServedOnTheApiPort() {
        var metrics = anonymous.get("/actuator/prometheus");
        var health = anonymous.get("/actuator/health");

        assertThat(metrics.status()).as("%s", metrics).isEqualTo(404);
        assertThat(health.status()).as("%s", health).isEqualTo(404);
    }

    @Test
    void theApiPortAnswersABareReadinessStatus() {
        var ready = anonymous.get("/readyz");
        var live = anonymous.get("/livez");

        assertThat(ready.status()).as("%s", ready).isEqualTo(200);
        assertThat(ready.json().path("status").asString()).isEqualTo("UP");
        assertThat(ready.json().has("components")).as("no details on the API port: %s", ready).isFalse();
        assertThat(live.status()).as("%s", live).isEqualTo(200);
    }

    @Test
    void theManagementPortServesDetailedHealthAndPrometheus() {
        assertThat(managementPort).as("a management port of its own").isPositive().isNotEqualTo(port);
        var management = new GatewayClient(managementPort);

        var health = management.get("/actuator/health");
        var metrics = management.get("/actuator/prometheus");

        assertThat(health.status()).as("%s", health).isEqualTo(200);
        assertThat(health.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").path("rabbit").path("status").asString()).isEqualTo("UP");
        assertThat(metrics.status()).as("%s", metrics).isEqualTo(200);
        assertThat(new String(metrics.body())).contains("jvm_memory_used_bytes");
    }
}
