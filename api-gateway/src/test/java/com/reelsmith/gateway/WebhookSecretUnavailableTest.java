package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With only REPLICATE_API_TOKEN set, the webhook secret is fetched from Replicate. When that
 * fails, a webhook is a 503 with Retry-After (Replicate retries), and unsigned posts do not make
 * the gateway call Replicate once per request.
 */
@DirtiesContext
class WebhookSecretUnavailableTest extends GatewayIntegrationTest {

    static final AtomicInteger secretFetches = new AtomicInteger();
    static final HttpServer replicate = failingReplicate();

    @DynamicPropertySource
    static void tokenOnly(DynamicPropertyRegistry registry) {
        registry.add("reelsmith.replicate.api-token", () -> "r8_test_token");
        registry.add("reelsmith.replicate.base-url", () -> "http://127.0.0.1:" + replicate.getAddress().getPort());
    }

    @AfterAll
    static void stopReplicate() {
        replicate.stop(0);
    }

    @Test
    void aSecretThatCannotBeFetchedIsA503AndIsNotFetchedAgainOnEveryPost() throws Exception {
        for (int i = 0; i < 5; i++) {
            var answer = RawHttp.exchange(port, null, """
                    POST /api/webhooks/replicate HTTP/1.1\r
                    Content-Type: application/json\r
                    Content-Length: 2""", out -> RawHttp.writeFiller(out, 2), Duration.ofSeconds(15));

            assertThat(answer.status()).as("post %d: %s", i, answer).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isNotNull();
        }
        assertThat(secretFetches.get()).as("calls to Replicate for 5 unsigned posts").isEqualTo(1);
    }

    private static HttpServer failingReplicate() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                if (exchange.getRequestURI().getPath().equals("/v1/webhooks/default/secret")) {
                    secretFetches.incrementAndGet();
                }
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
