package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.platform.media.FileSystemMediaStore;
import com.reelsmith.platform.media.MediaLinkSigner;
import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Signed links to media bytes, signed for real: a link with a valid signature past its expiry is
 * refused as expired (not as tampered), and a link signed before the gateway restarts still plays
 * after it, because the signing key (MEDIA_SIGNING_KEY unset) is kept in the database.
 */
class SignedMediaLinksTest extends GatewayIntegrationTest {

    Tenant tenant;
    UUID campaign;

    @BeforeEach
    void aCampaign() {
        tenant = newTenant("Links Co");
        campaign = newCampaign(tenant, "links");
    }

    @Test
    void aCorrectlySignedLinkPastItsExpiryIsRefusedAsExpired() {
        UUID image = storedImage(DB, MEDIA, tenant.clientId(), campaign, png(12, 12));
        MediaLinkSigner signer = signerOfTheDatabasesKey(DB); // as a worker signs: the key kept in the database
        long now = Instant.now().getEpochSecond();

        var expired = anonymous.get(signer.path("images", image, now - 60));
        var valid = anonymous.get(signer.path("images", image, now + 600));

        assertThat(valid.status()).as(() -> "the same signer, not yet expired: " + valid.errorCode()).isEqualTo(200);
        assertThat(expired.status()).as("the expired link").isEqualTo(403);
        assertThat(expired.errorCode()).isEqualTo("link_expired");
    }

    @Test
    void aLinkSignedBeforeAGatewayRestartStillWorksAfterIt() {
        TestDatabase db = TestDatabase.createMigrated();
        TestBroker broker = TestBroker.withFreshPrefix();
        Path media = GatewayEnvironment.mediaDir();
        byte[] bytes = png(20, 10);
        String dataUrl;
        try (var before = startGateway(db, broker, media)) {
            var admin = new GatewayClient(port(before)).as(GatewayEnvironment.ADMIN_KEY);
            var client = admin.post("/api/v2/clients", Map.of("name", "Restart Co"));
            assertThat(client.status()).as("%s", client).isEqualTo(201);
            var key = admin.post("/api/v2/clients/" + client.id() + "/api-keys", Map.of("name", "k"));
            assertThat(key.status()).as("%s", key).isEqualTo(201);
            var owner = new GatewayClient(port(before)).as(key.json().path("api_key").asString());
            var campaignReply = owner.post("/api/v2/campaigns", Map.of("name", "restart"));
            assertThat(campaignReply.status()).as("%s", campaignReply).isEqualTo(201);
            UUID image = storedImage(db, media, client.id(), campaignReply.id(), bytes);
            dataUrl = owner.get("/api/images/" + image).json().path("data_url").asString();
            assertThat(new GatewayClient(port(before)).get(dataUrl).status()).as("before the restart").isEqualTo(200);
        }
        String keyBefore = GatewayEnvironment.queryString(db, "select value from settings where name = 'media_signing_key'");

        try (var after = startGateway(db, broker, media)) {
            var reply = new GatewayClient(port(after)).get(dataUrl);

            assertThat(reply.status()).as(() -> "after the restart: " + reply.errorCode()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo(bytes);
        }
        assertThat(keyBefore).as("the key kept in the database").isNotBlank();
        assertThat(GatewayEnvironment.queryString(db, "select value from settings where name = 'media_signing_key'"))
                .as("the restart kept the key").isEqualTo(keyBefore);
    }

    /** A gateway of its own, started and stopped as a process would be; no signing key configured. */
    private static ConfigurableApplicationContext startGateway(TestDatabase db, TestBroker broker, Path media) {
        return GatewayApplication.application().registerShutdownHook(false).run(
                "--server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--spring.rabbitmq.addresses=" + broker.amqpUrl(),
                "--reelsmith.amqp.prefix=" + broker.prefix(),
                "--reelsmith.amqp.rabbitmq-features=" + broker.rabbitmqFeatures(),
                "--reelsmith.media.dir=" + media,
                "--reelsmith.media.signing-key=",
                "--reelsmith.auth.admin-api-key=" + GatewayEnvironment.ADMIN_KEY);
    }

    private static int port(ConfigurableApplicationContext gateway) {
        return gateway.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static MediaLinkSigner signerOfTheDatabasesKey(TestDatabase db) {
        return MediaLinkSigner.from(JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password())), null);
    }

    /** A generated image as the image worker records it: bytes in the store, a row pointing at them. */
    private static UUID storedImage(TestDatabase db, Path media, UUID client, UUID campaign, byte[] png) {
        var stored = new FileSystemMediaStore(media).put(png, "image/png");
        UUID id = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        GatewayEnvironment.update(db, """
                insert into jobs (id, client_id, campaign_id, kind, status, input, correlation_id)
                values (?, ?, ?, 'image', 'succeeded', '{}'::jsonb, gen_random_uuid())
                """, job, client, campaign);
        GatewayEnvironment.update(db, """
                insert into generated_images (id, job_id, client_id, campaign_id, prompt, provider, content_type, bytes,
                                              width, height, sha256, storage_key)
                values (?, ?, ?, ?, 'p', 'local', 'image/png', ?, 12, 12, ?, ?)
                """, id, job, client, campaign, stored.bytes(), stored.sha256(), stored.key());
        GatewayEnvironment.update(db, "update jobs set result_id = ? where id = ?", id, job);
        return id;
    }
}
