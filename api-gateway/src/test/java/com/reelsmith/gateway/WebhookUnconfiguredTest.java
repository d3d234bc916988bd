package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Without REPLICATE_WEBHOOK_SECRET or REPLICATE_API_TOKEN nothing could verify a webhook: its body is never read. */
class WebhookUnconfiguredTest extends GatewayIntegrationTest {

    @Test
    void anUnconfiguredGatewayRefusesAWebhookWithoutReadingItsBody() throws Exception {
        // when a client announces 1 GB and sends nothing of it
        var answer = RawHttp.exchange(port, null, """
                POST /api/webhooks/replicate HTTP/1.1\r
                Content-Type: application/json\r
                Content-Length: 1073741824""", out -> { }, Duration.ofSeconds(5));

        // then the answer comes at once: 404 (this gateway offers no webhook endpoint), saying what to configure
        assertThat(answer.status()).as("%s", answer).isEqualTo(404);
        assertThat(answer.body()).contains("\"code\":\"webhooks_not_configured\"");
        assertThat(answer.millis()).isLessThan(5_000);
    }
}
