package com.reelsmith.gateway.assets;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The canvas size of a WebP file, read from its first chunk as the WebP container specification
 * lays it out: VP8X (extended), VP8L (lossless) or "VP8 " (lossy key frame). Anything else: empty.
 */
final class WebpHeader {

    private static final int CHUNK_DATA = 20; // "RIFF", size, "WEBP", chunk fourcc, chunk size

    private WebpHeader() {
    }

    /** {width, height}, when the header says. */
    static Optional<int[]> size(byte[] b) {
        if (b.length < CHUNK_DATA + 10) {
            return Optional.empty();
        }
        String chunk = new String(b, 12, 4, StandardCharsets.US_ASCII);
        int d = CHUNK_DATA;
        int width;
        int height;
        switch (chunk) {
            case "VP8X" -> {
                width = 1 + uint24(b, d + 4);
                height = 1 + uint24(b, d + 7);
            }
            case "VP8L" -> {
                if (b[d] != 0x2F) {
                    return Optional.empty();
                }
                int bits = uint24(b, d + 1) | (b[d + 4] & 0xFF) << 24;
                width = 1 + (bits & 0x3FFF);
                height = 1 + ((bits >>> 14) & 0x3FFF);
            }
            case "VP8 " -> {
                boolean keyFrame = (b[d] & 0x01) == 0;
                boolean startCode = (b[d + 3] & 0xFF) == 0x9D && (b[d + 4] & 0xFF) == 0x01 && (b[d + 5] & 0xFF) == 0x2A;
                if (!keyFrame || !startCode) {
                    return Optional.empty();
                }
                width = uint16(b, d + 6) & 0x3FFF;
                height = uint16(b, d + 8) & 0x3FFF;
            }
            default -> {
                return Optional.empty();
            }
        }
        return width > 0 && height > 0 ? Optional.of(new int[] {width, height}) : Optional.empty();
    }

    private static int uint16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int uint24(byte[] b, int at) {
        return uint16(b, at) | (b[at + 2] & 0xFF) << 16;
    }
}
