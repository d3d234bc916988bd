package com.reelsmith.platform.storyboards;

import java.util.List;
import java.util.Map;

/**
 * What a brief gets when it does not say: each platform's usual length and frame (the original
 * system's defaults: Instagram 9:16 30 s, TikTok 9:16 15 s, YouTube 16:9 30 s).
 */
public final class PlatformDefaults {

    public record Format(int durationS, String aspectRatio) {
    }

    public static final List<String> PLATFORMS = List.of("instagram_reel", "tiktok", "youtube", "youtube_short",
            "linkedin", "custom");
    /** The frames the video model makes (kling: 16:9, 9:16, 1:1). */
    public static final List<String> ASPECT_RATIOS = List.of("9:16", "16:9", "1:1");
    public static final int MIN_DURATION_S = 5;
    public static final int MAX_DURATION_S = 120;

    private static final Map<String, Format> FORMATS = Map.of(
            "instagram_reel", new Format(30, "9:16"),
            "tiktok", new Format(15, "9:16"),
            "youtube", new Format(30, "16:9"),
            "youtube_short", new Format(20, "9:16"),
            "linkedin", new Format(30, "1:1"),
            "custom", new Format(30, "16:9"));

    private PlatformDefaults() {
    }

    /** The format of {@code platform}, one of {@link #PLATFORMS}. */
    public static Format of(String platform) {
        Format format = FORMATS.get(platform);
        if (format == null) {
            throw new IllegalArgumentException("unknown platform " + platform);
        }
        return format;
    }
}
