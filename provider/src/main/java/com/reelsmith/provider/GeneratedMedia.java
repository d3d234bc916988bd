package com.reelsmith.provider;

/** Bytes a provider produced, with what Reelsmith records about them; durationMs and fps are null for images. */
public record GeneratedMedia(byte[] bytes, String contentType, int width, int height, Integer durationMs, Integer fps,
                             String provider) {
}
