package com.reelsmith.platform.media;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * How every media store names bytes: {@code ab/cd/<sha256>.<ext>}, from the bytes alone, so the
 * same bytes always get the same key (a redelivered job stores nothing new) and a key read from a
 * row means the same thing whichever store is configured.
 */
final class ContentKeys {

    private static final Pattern STORED_KEY =
            Pattern.compile("([0-9a-f]{2})/([0-9a-f]{2})/\\1\\2[0-9a-f]{60}(\\.[a-z0-9]{1,10})?");

    private ContentKeys() {
    }

    static String keyOf(String sha256, String contentType) {
        return sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256 + MediaTypes.extensionOf(contentType);
    }

    static boolean isStoredKey(String key) {
        return STORED_KEY.matcher(key).matches();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
