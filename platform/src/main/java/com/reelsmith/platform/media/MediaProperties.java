package com.reelsmith.platform.media;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code store}: {@code filesystem} (under {@code dir}) or {@code s3} (see {@link S3Properties}). */
@ConfigurationProperties("reelsmith.media")
public record MediaProperties(Path dir, String store) {

    public MediaProperties {
        dir = dir == null ? Path.of("./data/media") : dir;
        store = store == null || store.isBlank() ? "filesystem" : store.trim().toLowerCase(java.util.Locale.ROOT);
        if (!store.equals("filesystem") && !store.equals("s3")) {
            throw new IllegalArgumentException("MEDIA_STORE must be filesystem or s3, not " + store);
        }
    }

    public boolean s3() {
        return store.equals("s3");
    }
}
