package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The webhook endpoint is open to the internet (it proves itself by signature, not by key), so
 * what it reads before the signature is checked is bounded: a prediction's JSON fits in far less
 * than 1 MB; more is refused with 413 at once (declared) or as soon as the cap is passed (chunked).
 */
@DirtiesContext // a context of its own: closed after the class, so its pool's connections go back
class WebhookLimitsTest extends GatewayIntegrationTest {

    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("limits webhook key".getBytes());

    @DynamicPropertySource
    static void webhookSecret(DynamicPropertyRegistry registry) {
        registry.add("reelsmith.replicate.webhook-secret", () -> SECRET);
    }

    @Test
    void aDeclaredHugeBodyIsRefusedWith413BeforeItIsSent() throws Exception {
        // when a client announces 1 GB and sends only its first bytes
        var answer = RawHttp.exchange(port, null, """
                POST /api/webhooks/replicate HTTP/1.1\r
                Content-Type: application/json\r
                webhook-id: msg_huge\r
                webhook-timestamp: 1\r
                webhook-signature: v1,AAAA\r
                Content-Length: 1073741824""", out -> RawHttp.writeFiller(out, 16 * 1024), Duration.ofSeconds(5));

        // then the gateway answers 413 without waiting for (or reading) the rest
        assertThat(answer.status()).as("%s", answer).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"payload_too_large\"");
    }

    @Test
    void aChunkedBodyIsRefusedWith413OnceItPassesTheCap() throws Exception {
        // when a client streams 3 MB in chunks and never ends the body
        var answer = RawHttp.exchange(port, null, """
                POST /api/webhooks/replicate HTTP/1.1\r
                Content-Type: application/json\r
                webhook-id: msg_chunked\r
                webhook-timestamp: 1\r
                webhook-signature: v1,AAAA\r
                Transfer-Encoding: chunked""", out -> RawHttp.writeChunksWithoutEnd(out, 3L * 1024 * 1024),
                Duration.ofSeconds(5));

        // then the gateway stops reading past the cap and answers 413 (not a wait for the end, not a 401)
        assertThat(answer.status()).as("%s", answer).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"payload_too_large\"");
    }

    @Test
    void aBodyJustOverTheCapIsRefusedEvenWhenFullySent() throws Exception {
        long size = 1024 * 1024 + 1;
        var answer = RawHttp.exchange(port, null, """
                POST /api/webhooks/replicate HTTP/1.1\r
                Content-Type: application/json\r
                webhook-id: msg_over\r
                webhook-timestamp: 1\r
                webhook-signature: v1,AAAA\r
                Connection: close\r
                Content-Length: %d""".formatted(size), out -> RawHttp.writeFiller(out, size), Duration.ofSeconds(10));

        assertThat(answer.status()).as("%s", answer).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"payload_too_large\"");
    }
}
