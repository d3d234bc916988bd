package com.reelsmith.studioworker.assembly;

import java.nio.file.Path;

/**
 * One scene of an ad: a clip (any MP4), how long the scene lasts in the finished ad and the text
 * shown over it. The clip is trimmed to {@code durationS}; a shorter clip holds its last frame.
 */
public record AdScene(Path clip, double durationS, String onScreenText) {

    public AdScene {
        if (clip == null) {
            throw new IllegalArgumentException("a scene needs a clip");
        }
        if (!(durationS >= 1 && durationS <= 10)) {
            throw new IllegalArgumentException("a scene lasts 1 to 10 seconds, not " + durationS);
        }
    }
}
