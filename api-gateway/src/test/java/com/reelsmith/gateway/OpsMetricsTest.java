package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.Eventually;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** After a job is accepted and ends, Prometheus (on the management port) shows the names the dashboard plots. */
class OpsMetricsTest extends GatewayIntegrationTest {

    @Value("${local.management.port:-1}")
    int managementPort;

    @Test
    void thePrometheusEndpointShowsJobsQueuesAndTheOutboxAfterAJobRuns() {
        var tenant = newTenant("Metered");
        UUID campaign = newCampaign(tenant, "metered");
        var accepted = as(tenant).post("/api/v2/generate/image", Map.of("campaign_id", campaign, "prompt", "counted"));
        assertThat(accepted.status()).isEqualTo(202);
        // as a worker ends it: failed, with a code and a cost
        GatewayEnvironment.update(DB, """
                update jobs set status = 'failed', error_code = 'metrics_test_error', cost_usd = 0.5, finished_at = now()
                where id = ?::uuid""", accepted.json().path("job_id").asString());
        var management = new GatewayClient(managementPort);

        String[] scrape = new String[1];
        Eventually.await("the ops metrics refreshed (every 15 s)", Duration.ofSeconds(45), () -> {
            scrape[0] = new String(management.get("/actuator/prometheus").body());
            return scrape[0].contains("error_code=\"metrics_test_error\"");
        });

        assertThat(scrape[0]).contains("reelsmith_jobs_submitted_total{kind=\"image\"",
                "reelsmith_jobs_finished_total{error_code=\"metrics_test_error\",kind=\"image\",status=\"failed\"}",
                "reelsmith_outbox_backlog", "reelsmith_outbox_oldest_age_seconds", "reelsmith_queue_depth{queue=\"",
                "reelsmith_queue_consumers{queue=\"", "reelsmith_queue_dead_letters{queue=\"",
                "reelsmith_cost_usd_total{model=\"local:image\"}");
    }
}
