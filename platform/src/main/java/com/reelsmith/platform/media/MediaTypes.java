package com.reelsmith.platform.media;

import java.util.Optional;

/** Content types told from the bytes themselves, never from a file name or a client's header. */
public final class MediaTypes {

    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String WEBP = "image/webp";
    public static final String GIF = "image/gif";
    public static final String MP4 = "video/mp4";

    private MediaTypes() {
    }

    public static Optional<String> sniff(byte[] bytes) {
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 0, 'G', 'I', 'F', '8')) {
            return Optional.of(GIF);
        }
        if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        if (startsWith(bytes, 4, 'f', 't', 'y', 'p')) {
            return Optional.of(MP4);
        }
        return Optional.empty();
    }

    public static boolean isImage(String contentType) {
        return contentType != null && contentType.startsWith("image/");
    }

    public static String extensionOf(String contentType) {
        return switch (contentType == null ? "" : contentType) {
            case PNG -> ".png";
            case JPEG -> ".jpg";
            case WEBP -> ".webp";
            case GIF -> ".gif";
            case MP4 -> ".mp4";
            default -> ".bin";
        };
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes == null || bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
