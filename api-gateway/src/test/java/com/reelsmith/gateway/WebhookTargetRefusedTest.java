package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With the default configuration a client cannot point Reelsmith at an internal address. */
class WebhookTargetRefusedTest extends GatewayIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9/hook", "http://localhost/hook", "http://[::1]/hook",
            "http://10.0.0.7/hook", "http://169.254.169.254/latest/meta-data", "http://[fd00:ec2::254]/",
            "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/"})
    void internalTargetsAreRefusedWith400NamingTheUrl(String url) {
        var tenant = newTenant("ssrf");
        var reply = as(tenant).post("/api/v2/webhook-endpoints", Map.of("url", url, "event_types", List.of("job.succeeded")));
        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.errorField()).isEqualTo("url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9/logo.png", "http://192.168.0.10/logo.png", "http://[::1]/logo.png"})
    void anAssetIsNotImportedFromAnInternalAddress(String url) {
        var tenant = newTenant("ssrf-import");
        UUID campaign = newCampaign(tenant, "imports");
        var reply = as(tenant).post("/api/v2/campaigns/" + campaign + "/assets/import", Map.of("url", url));
        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.errorField()).isEqualTo("url");
    }
}
