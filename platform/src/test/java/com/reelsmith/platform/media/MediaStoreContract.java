package com.reelsmith.platform.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every MediaStore promises, run against each (a subclass per store), so the filesystem and
 * the S3-compatible store are proven to behave alike: content-addressed keys, one copy of the same
 * bytes, visible only complete, reads from any offset (HTTP Range), existence and size without
 * reading, deletion for retention, no key outside the store.
 */
abstract class MediaStoreContract {

    /** Larger than the S3 store's multipart threshold in its test, so that path is taken too. */
    static final int LARGE = 11 * 1024 * 1024 + 123;

    MediaStore store;

    /** A fresh, empty store; objects of at least {@link #LARGE} bytes must take its multipart path, if it has one. */
    abstract MediaStore newStore() throws Exception;

    /** Every key the store holds, read around the store's API (its folder, the bucket listing). */
    abstract List<String> storedKeys() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void storedBytesComeBackUnderAKeyMadeFromThem() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3};

        StoredMedia stored = store.put(png, MediaTypes.PNG);

        assertThat(stored.sha256()).isEqualTo(ContentKeys.sha256(png));
        assertThat(stored.key()).isEqualTo(stored.sha256().substring(0, 2) + "/" + stored.sha256().substring(2, 4)
                + "/" + stored.sha256() + ".png");
        assertThat(stored.bytes()).isEqualTo(png.length);
        var resource = store.get(stored.key());
        assertThat(resource.exists()).isTrue();
        assertThat(resource.contentLength()).isEqualTo(png.length);
        assertThat(resource.getContentAsByteArray()).isEqualTo(png);
    }

    @Test
    void storingTheSameBytesTwiceKeepsOneCopy() throws Exception {
        byte[] bytes = "same bytes".getBytes();

        var first = store.put(bytes, MediaTypes.JPEG);
        var second = store.put(bytes, MediaTypes.JPEG);
        var other = store.put("other bytes".getBytes(), MediaTypes.JPEG);

        assertThat(second).isEqualTo(first);
        assertThat(other.key()).isNotEqualTo(first.key());
        assertThat(storedKeys()).containsExactlyInAnyOrder(first.key(), other.key());
    }

    @Test
    void aReaderMayStartAnywhereAsAnHttpRangeDoes() throws Exception {
        byte[] bytes = randomBytes(64 * 1024, 1);
        String key = store.put(bytes, MediaTypes.MP4).key();

        assertThat(readRange(key, 0, 10)).isEqualTo(Arrays.copyOfRange(bytes, 0, 10));
        assertThat(readRange(key, 40_000, 1000)).isEqualTo(Arrays.copyOfRange(bytes, 40_000, 41_000));
        assertThat(readRange(key, bytes.length - 5, 100)).as("a range running past the end stops at the end")
                .isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 5, bytes.length));
        assertThat(readRange(key, bytes.length, 100)).as("a range from the end reads nothing").isEmpty();
    }

    @Test
    void aLargeObjectComesBackWholeAndFromAnyOffset() throws Exception {
        byte[] bytes = randomBytes(LARGE, 2);

        String key = store.put(bytes, MediaTypes.MP4).key();

        assertThat(store.get(key).contentLength()).isEqualTo(LARGE);
        assertThat(store.get(key).getContentAsByteArray()).isEqualTo(bytes);
        int acrossParts = 5 * 1024 * 1024 - 50; // across the first part boundary of an S3 upload of 5 MB parts
        assertThat(readRange(key, acrossParts, 100)).isEqualTo(Arrays.copyOfRange(bytes, acrossParts, acrossParts + 100));
    }

    @Test
    void whatWasNeverStoredDoesNotExist() throws Exception {
        String key = ContentKeys.keyOf(ContentKeys.sha256("never stored".getBytes()), MediaTypes.PNG);

        var resource = store.get(key);

        assertThat(resource.exists()).isFalse();
        assertThatThrownBy(resource::getContentAsByteArray).isInstanceOf(IOException.class);
        assertThatThrownBy(resource::contentLength).isInstanceOf(IOException.class);
    }

    @Test
    void deletedBytesAreGoneAndDeletingAgainSaysSo() throws Exception {
        var stored = store.put("short-lived".getBytes(), MediaTypes.PNG);
        var kept = store.put("kept".getBytes(), MediaTypes.PNG);

        assertThat(store.delete(stored.key())).isTrue();
        assertThat(store.delete(stored.key())).isFalse();

        assertThat(store.get(stored.key()).exists()).isFalse();
        assertThat(storedKeys()).containsExactly(kept.key());
    }

    @Test
    void aKeyCannotReachOutsideTheStore() {
        assertThatThrownBy(() -> store.get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("ab/../../outside")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Writers of the same bytes race (a redelivered job on two instances) while readers read:
     * a reader finds nothing or all of the bytes, never a part of them, and one copy remains.
     */
    @Test
    void concurrentWritersOfTheSameBytesLeaveOneCompleteCopyAndReadersNeverSeeAPart() throws Exception {
        byte[] bytes = randomBytes(2 * 1024 * 1024, 3);
        String key = ContentKeys.keyOf(ContentKeys.sha256(bytes), MediaTypes.MP4);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        var done = new AtomicBoolean();
        List<Integer> seenLengths = new CopyOnWriteArrayList<>();
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                readers.add(pool.submit((Callable<Void>) () -> {
                    while (!done.get()) {
                        var resource = store.get(key);
                        if (resource.exists()) {
                            try {
                                byte[] read = resource.getContentAsByteArray();
                                seenLengths.add(read.length);
                                assertThat(read).isEqualTo(bytes);
                            } catch (java.io.FileNotFoundException gone) {
                                // not there yet at the moment of reading: allowed
                            }
                        }
                    }
                    return null;
                }));
            }
            List<Future<StoredMedia>> writers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                writers.add(pool.submit(() -> store.put(bytes, MediaTypes.MP4)));
            }
            for (var writer : writers) {
                assertThat(writer.get().key()).isEqualTo(key);
            }
            // readers go on for a moment after the writes, then stop
            Thread.sleep(200);
            done.set(true);
            for (var reader : readers) {
                reader.get();
            }
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        assertThat(seenLengths).allMatch(n -> n == bytes.length);
        assertThat(storedKeys()).containsExactly(key);
        assertThat(store.get(key).getContentAsByteArray()).isEqualTo(bytes);
    }

    byte[] readRange(String key, long start, int length) throws IOException {
        try (InputStream in = store.get(key).getInputStream()) {
            in.skipNBytes(Math.min(start, store.get(key).contentLength()));
            return in.readNBytes(length);
        }
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
