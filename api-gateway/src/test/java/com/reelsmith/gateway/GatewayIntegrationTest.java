package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway on the real PostgreSQL and RabbitMQ, over real HTTP. Every subclass gets the same
 * database, broker prefix and properties, so Spring starts one gateway for all of them; each test
 * makes clients of its own, so tests never see each other's rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayIntegrationTest {

    static final TestDatabase DB = TestDatabase.createMigrated();
    static final TestBroker BROKER = TestBroker.withFreshPrefix();
    static final Path MEDIA = GatewayEnvironment.mediaDir();

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GatewayEnvironment.wire(registry, DB, BROKER, MEDIA);
    }

    /** A client of the API and one key of its own. */
    record Tenant(UUID clientId, UUID keyId, String key) {
    }

    @LocalServerPort
    int port;

    GatewayClient anonymous;
    GatewayClient admin;

    @BeforeEach
    void connect() {
        anonymous = new GatewayClient(port);
        admin = anonymous.as(GatewayEnvironment.ADMIN_KEY);
    }

    GatewayClient as(Tenant tenant) {
        return anonymous.as(tenant.key());
    }

    Tenant newTenant(String name) {
        var client = admin.post("/api/v2/clients", Map.of("name", name));
        assertThat(client.status()).as("create client: %s", client).isEqualTo(201);
        var key = admin.post("/api/v2/clients/" + client.id() + "/api-keys", Map.of("name", name + " key"));
        assertThat(key.status()).as("create key: %s", key).isEqualTo(201);
        return new Tenant(client.id(), key.id(), key.json().path("api_key").asString());
    }

    UUID newCampaign(Tenant owner, String name) {
        var campaign = as(owner).post("/api/v2/campaigns", Map.of("name", name));
        assertThat(campaign.status()).as("create campaign: %s", campaign).isEqualTo(201);
        return campaign.id();
    }

    long campaignCount(Tenant owner) {
        return GatewayEnvironment.queryLong(DB, "select count(*) from campaigns where client_id = ?", owner.clientId());
    }

    static byte[] png(int width, int height) {
        return image("png", width, height);
    }

    static byte[] jpeg(int width, int height) {
        return image("jpg", width, height);
    }

    private static byte[] image(String format, int width, int height) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width / 2, height);
        g.dispose();
        try {
            var out = new ByteArrayOutputStream();
            assertThat(ImageIO.write(image, format, out)).isTrue();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
