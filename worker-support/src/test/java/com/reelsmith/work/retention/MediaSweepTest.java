package com.reelsmith.work.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.platform.media.FileSystemMediaStore;
import com.reelsmith.testing.Fixtures;
import com.reelsmith.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class MediaSweepTest {

    static final TestDatabase db = TestDatabase.createMigrated();
    final Fixtures fixtures = new Fixtures(db);
    final JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));

    @TempDir
    Path root;

    @Test
    void oldFilesNoRowReferencesAndLeftoverTempFilesGoWhileEverythingElseStays() throws Exception {
        var store = new FileSystemMediaStore(root);
        var tenant = fixtures.tenant();
        String asset = store.put(bytes("an uploaded asset"), "image/png").key();
        String image = store.put(bytes("a recorded image"), "image/png").key();
        String video = store.put(bytes("a recorded video"), "video/mp4").key();
        String orphan = store.put(bytes("stored, then the transaction rolled back"), "image/png").key();
        String recentOrphan = store.put(bytes("stored a minute ago, being recorded now"), "image/png").key();
        Path oldTemp = root.resolve(orphan).resolveSibling(".incoming-123456.tmp");
        Path recentTemp = root.resolve(orphan).resolveSibling(".incoming-654321.tmp");
        Path notOurs = root.resolve("README.txt");
        Files.writeString(oldTemp, "half a file from a crashed worker");
        Files.writeString(recentTemp, "an upload in progress");
        Files.writeString(notOurs, "not a media file");
        for (Path old : new Path[] {root.resolve(asset), root.resolve(image), root.resolve(video), root.resolve(orphan),
                oldTemp, notOurs}) {
            Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        }
        fixtures.update("insert into assets (id, client_id, campaign_id, content_type, bytes, sha256, storage_key) values ('"
                + UUID.randomUUID() + "', '" + tenant.clientId() + "', '" + tenant.campaignId() + "', 'image/png', 1, 'x', '"
                + asset + "')");
        UUID imageJob = fixtures.queuedJob(tenant, "image", "{}");
        fixtures.update("insert into generated_images (id, job_id, client_id, campaign_id, provider, content_type, bytes,"
                + " width, height, sha256, storage_key) values ('" + UUID.randomUUID() + "', '" + imageJob + "', '"
                + tenant.clientId() + "', '" + tenant.campaignId() + "', 'local', 'image/png', 1, 1, 1, 'x', '" + image + "')");
        UUID videoJob = fixtures.queuedJob(tenant, "video", "{}");
        fixtures.update("insert into generated_videos (id, job_id, client_id, campaign_id, provider, content_type, bytes,"
                + " width, height, duration_ms, fps, sha256, storage_key) values ('" + UUID.randomUUID() + "', '" + videoJob
                + "', '" + tenant.clientId() + "', '" + tenant.campaignId() + "', 'local', 'video/mp4', 1, 1, 1, 1000, 12,"
                + " 'x', '" + video + "')");

        MediaSweep.Result result = new MediaSweep(jdbc, store, Duration.ofHours(1), Clock.systemUTC()).sweep();

        assertThat(root.resolve(orphan)).as("an old file no row references").doesNotExist();
        assertThat(oldTemp).as("an old temp file of an unfinished write").doesNotExist();
        assertThat(root.resolve(asset)).as("referenced by an asset").exists();
        assertThat(root.resolve(image)).as("referenced by a generated image").exists();
        assertThat(root.resolve(video)).as("referenced by a generated video").exists();
        assertThat(root.resolve(recentOrphan)).as("unreferenced, but within the grace period").exists();
        assertThat(recentTemp).as("a write in progress").exists();
        assertThat(notOurs).as("not a file of the store").exists();
        assertThat(result.orphans()).isEqualTo(1);
        assertThat(result.leftoverTempFiles()).isEqualTo(1);
    }

    @Test
    void anOrphanStoredAgainIsNotRemovedUnderTheResultAboutToReferenceIt() throws Exception {
        var store = new FileSystemMediaStore(root);
        String key = store.put(bytes("the same bytes, generated again"), "image/png").key();
        Files.setLastModifiedTime(root.resolve(key), FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        // a redelivered job stores the same bytes (content addressed: the file is already there)
        // and is about to insert the row that references them
        store.put(bytes("the same bytes, generated again"), "image/png");
        new MediaSweep(jdbc, store, Duration.ofHours(1), Clock.systemUTC()).sweep();

        assertThat(root.resolve(key)).exists();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
