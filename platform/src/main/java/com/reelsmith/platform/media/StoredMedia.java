package com.reelsmith.platform.media;

/** What the store says about bytes it keeps. */
public record StoredMedia(String key, String sha256, long bytes) {
}
