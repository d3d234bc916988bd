package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.TcpProxy;
import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL out of reach: the gateway answers a JSON 503 with Retry-After within 2 s (not a 500,
 * not a 30 s hang), and serves again by itself when the database is back. The outage is made by
 * cutting a proxy in front of the shared PostgreSQL, which keeps running for everyone else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // a context of its own: closed after the class, so its pool's connections go back
class DatabaseOutageTest {

    static final TestDatabase DB = TestDatabase.createMigrated();
    static final TestBroker BROKER = TestBroker.withFreshPrefix();
    static final Path MEDIA = GatewayEnvironment.mediaDir();
    static final TcpProxy PROXY = startProxy();

    @DynamicPropertySource
    static void gatewayWithDatabaseThroughProxy(DynamicPropertyRegistry registry) {
        GatewayEnvironment.wire(registry, DB, BROKER, MEDIA);
        URI server = URI.create(DB.url().substring("jdbc:".length()));
        registry.add("spring.datasource.url", () -> DB.url().replace(
                "//" + server.getHost() + ":" + server.getPort() + "/", "//127.0.0.1:" + PROXY.port() + "/"));
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void closeProxy() {
        PROXY.close();
    }

    @Test
    void aSubmissionDuringAnOutageIs503WithRetryAfterAndTheGatewayRecoversWhenTheDatabaseReturns() throws Exception {
        var admin = new GatewayClient(port).as(GatewayEnvironment.ADMIN_KEY);
        var client = admin.post("/api/v2/clients", Map.of("name", "Outage Co"));
        var tenant = new GatewayClient(port).as(admin.post("/api/v2/clients/" + client.id() + "/api-keys", Map.of())
                .json().path("api_key").asString());
        var neverUsed = new GatewayClient(port).as(admin.post("/api/v2/clients/" + client.id() + "/api-keys", Map.of())
                .json().path("api_key").asString());
        var created = tenant.post("/api/v2/campaigns", Map.of("name", "outage"));
        assertThat(created.status()).as("%s", created).isEqualTo(201); // and the tenant's key is now verified and cached
        UUID campaign = created.id();
        var submission = Map.of("campaign_id", campaign, "prompt", "a lighthouse in fog");

        PROXY.cut();
        try {
            long t0 = System.nanoTime();
            var refused = tenant.post("/api/v2/generate/image", submission);
            long millis = (System.nanoTime() - t0) / 1_000_000;

            assertThat(refused.status()).as("%s after %d ms", refused, millis).isEqualTo(503);
            assertThat(refused.errorCode()).isEqualTo("database_unavailable");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
            assertThat(millis).as("answered within 2 s").isLessThan(2_000);

            // a key that is not cached needs the database to be checked: 503 too, not 401 or 500
            var uncached = neverUsed.get("/api/v2/campaigns");
            assertThat(uncached.status()).as("%s", uncached).isEqualTo(503);
            assertThat(uncached.errorCode()).isEqualTo("database_unavailable");
        } finally {
            PROXY.restore();
        }

        // when the database is back, the same request succeeds, with no restart
        GatewayClient.Reply accepted = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            accepted = tenant.post("/api/v2/generate/image", submission);
            if (accepted.status() == 202) {
                break;
            }
            Thread.sleep(1_000);
        }
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
    }

    private static TcpProxy startProxy() {
        try {
            URI server = URI.create(DB.url().substring("jdbc:".length()));
            return new TcpProxy(server.getHost(), server.getPort());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
