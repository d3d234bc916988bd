package com.reelsmith.platform.media;

import org.springframework.core.io.Resource;

/**
 * Where media bytes are kept; rows in Postgres hold their metadata and {@code storage_key}.
 * Keys are content addressed, so storing the same bytes twice (a redelivered job) is harmless.
 * Every implementation keeps the same promises (MediaStoreContract in the tests proves them for
 * each): the same bytes get the same key and a second put writes nothing; stored bytes are
 * visible only complete; a reader may start anywhere (HTTP Range) by skipping on the stream.
 */
public interface MediaStore {

    StoredMedia put(byte[] bytes, String contentType);

    /**
     * The bytes under {@code key}, as a Resource so HTTP Range requests can be served from it:
     * {@code exists()} and {@code contentLength()} answer without reading the bytes, and skipping
     * on its stream before the first read costs nothing.
     */
    Resource get(String key);

    /** Removes the bytes under {@code key} (retention); false when there were none. */
    boolean delete(String key);
}
