package com.reelsmith.platform.media;

import org.springframework.core.io.Resource;

/**
 * Where media bytes are kept; rows in Postgres hold their metadata and {@code storage_key}.
 * Keys are content addressed, so storing the same bytes twice (a redelivered job) is harmless.
 */
public interface MediaStore {

    StoredMedia put(byte[] bytes, String contentType);

    /** The bytes under {@code key}, as a Resource so HTTP Range requests can be served from it. */
    Resource get(String key);
}
