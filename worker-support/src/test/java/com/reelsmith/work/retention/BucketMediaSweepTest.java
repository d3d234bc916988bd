package com.reelsmith.work.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.platform.media.S3MediaStore;
import com.reelsmith.platform.media.S3Properties;
import com.reelsmith.testing.Fixtures;
import com.reelsmith.testing.S3Server;
import com.reelsmith.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The media sweep on the S3 store, against a real S3 server: objects no row references go, the rest stay. */
class BucketMediaSweepTest {

    static final TestDatabase db = TestDatabase.createMigrated();
    final Fixtures fixtures = new Fixtures(db);
    final JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));
    final S3MediaStore store = S3MediaStore.connect(new S3Properties(S3Server.shared().endpoint(), "sweep-" + UUID.randomUUID(),
            S3Server.REGION, S3Server.ACCESS_KEY, S3Server.SECRET_KEY, true, true, null, null, null));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void oldObjectsNoRowReferencesGoWhileReferencedAndRecentOnesStay() {
        var tenant = fixtures.tenant();
        String image = store.put(bytes("a recorded image"), "image/png").key();
        String orphan = store.put(bytes("stored, then the transaction rolled back"), "image/png").key();
        UUID imageJob = fixtures.queuedJob(tenant, "image", "{}");
        fixtures.update("insert into generated_images (id, job_id, client_id, campaign_id, provider, content_type, bytes,"
                + " width, height, sha256, storage_key) values ('" + UUID.randomUUID() + "', '" + imageJob + "', '"
                + tenant.clientId() + "', '" + tenant.campaignId() + "', 'local', 'image/png', 1, 1, 1, 'x', '" + image + "')");

        var recentSweep = new MediaSweep(jdbc, store, Duration.ofHours(1), Clock.systemUTC()).sweep();
        assertThat(recentSweep.orphans()).as("everything is within the grace period").isZero();
        assertThat(store.get(orphan).exists()).isTrue();

        // two hours later, as the sweeper sees it
        var later = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
        MediaSweep.Result result = new MediaSweep(jdbc, store, Duration.ofHours(1), later).sweep();

        assertThat(store.get(orphan).exists()).as("an old object no row references").isFalse();
        assertThat(store.get(image).exists()).as("referenced by a generated image").isTrue();
        assertThat(result.orphans()).isEqualTo(1);
        assertThat(result.bytes()).isEqualTo(bytes("stored, then the transaction rolled back").length);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
