package com.reelsmith.gateway.assets;

import com.reelsmith.platform.media.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What an upload is, told from its first bytes (magic numbers), never from the name or the
 * Content-Type the client sent: images (PNG, JPEG, WebP, GIF), short videos (MP4, QuickTime,
 * WebM) and audio for music beds (MP3, WAV, Ogg, M4A).
 */
final class AssetTypes {

    record Sniffed(String kind, String contentType) {
    }

    static final String IMAGE = "image";
    static final String VIDEO = "video";
    static final String AUDIO = "audio";

    private AssetTypes() {
    }

    static Optional<Sniffed> sniff(byte[] b) {
        Optional<String> image = MediaTypes.sniff(b).filter(MediaTypes::isImage);
        if (image.isPresent()) {
            return Optional.of(new Sniffed(IMAGE, image.get()));
        }
        if (at(b, 4, "ftyp") && b.length >= 12) {
            String brand = new String(b, 8, 4, StandardCharsets.ISO_8859_1);
            if (brand.startsWith("M4A") || brand.startsWith("M4B")) {
                return Optional.of(new Sniffed(AUDIO, "audio/mp4"));
            }
            if (brand.equals("qt  ")) {
                return Optional.of(new Sniffed(VIDEO, "video/quicktime"));
            }
            return Optional.of(new Sniffed(VIDEO, "video/mp4"));
        }
        if (bytes(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) { // EBML: WebM (or Matroska, which we take as WebM only if it says so)
            String head = new String(b, 0, Math.min(b.length, 64), StandardCharsets.ISO_8859_1);
            return head.contains("webm") ? Optional.of(new Sniffed(VIDEO, "video/webm")) : Optional.empty();
        }
        if (at(b, 0, "RIFF") && at(b, 8, "WAVE")) {
            return Optional.of(new Sniffed(AUDIO, "audio/wav"));
        }
        if (at(b, 0, "OggS")) {
            return Optional.of(new Sniffed(AUDIO, "audio/ogg"));
        }
        if (at(b, 0, "ID3") || (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0)) {
            return Optional.of(new Sniffed(AUDIO, "audio/mpeg")); // an ID3 tag, or an MPEG audio frame sync
        }
        return Optional.empty();
    }

    private static boolean at(byte[] b, int offset, String ascii) {
        if (b.length < offset + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[offset + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean bytes(byte[] b, int offset, int... expected) {
        if (b.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
