package com.reelsmith.platform.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What only the S3 store does, against a real S3 server: presigned links, leftovers of unfinished uploads. */
class S3MediaStoreTest {

    final S3MediaStore store = S3MediaStoreContractTest.connect("s3-" + UUID.randomUUID());

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aPresignedLinkFetchesTheBytesStraightFromTheBucketWithTheirType() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 9, 9};
        String key = store.put(png, MediaTypes.PNG).key();

        var link = store.presignedLink(key, Duration.ofMinutes(5), MediaTypes.PNG);
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(png);
        assertThat(link.getQuery()).contains("X-Amz-Signature=");
        var tampered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                java.net.URI.create(link.toString().replace("X-Amz-Expires=300", "X-Amz-Expires=999999"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tampered.statusCode()).as("a link whose terms were changed").isEqualTo(403);
    }

    @Test
    void anUploadThatNeverCompletedIsAbortedOnceOlderThanTheCutoffAndNeverSeen() {
        var s3 = store.client();
        String key = ContentKeys.keyOf(ContentKeys.sha256("died mid-upload".getBytes()), MediaTypes.MP4);
        s3.createMultipartUpload(r -> r.bucket(store.bucket()).key(key));

        assertThat(store.get(key).exists()).as("an unfinished upload is not an object").isFalse();
        assertThat(store.abortUploadsBegunBefore(Instant.now().minus(Duration.ofHours(1)))).as("too young").isZero();
        assertThat(store.abortUploadsBegunBefore(Instant.now().plus(Duration.ofHours(1)))).isEqualTo(1);
        assertThat(s3.listMultipartUploads(r -> r.bucket(store.bucket())).uploads()).isEmpty();
    }

    @Test
    void anObjectWrittenSinceTheCutoffIsNotDeletedAsOld() {
        String key = store.put("kept".getBytes(), MediaTypes.PNG).key();

        assertThat(store.deleteIfUnchangedSince(key, Instant.now().minus(Duration.ofHours(1)))).isEqualTo(-1);
        assertThat(store.get(key).exists()).isTrue();
        assertThat(store.storedBefore(Instant.now().plus(Duration.ofHours(1))).map(S3MediaStore.StoredObject::key)).containsExactly(key);
        assertThat(store.deleteIfUnchangedSince(key, Instant.now().plus(Duration.ofHours(1)))).isEqualTo(4);
        assertThat(store.get(key).exists()).isFalse();
    }
}
