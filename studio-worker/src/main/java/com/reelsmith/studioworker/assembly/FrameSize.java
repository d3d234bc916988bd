package com.reelsmith.studioworker.assembly;

import java.util.Map;

/** A frame size in pixels from an aspect ratio and the length of its short side, both sides even for yuv420p. */
record FrameSize(int width, int height) {

    /** The ratios an ad is made in, as width:height. */
    static final Map<String, int[]> RATIOS = Map.of("16:9", new int[] {16, 9}, "9:16", new int[] {9, 16},
            "1:1", new int[] {1, 1}, "4:5", new int[] {4, 5});

    static FrameSize of(String aspectRatio, int shortSide) {
        int[] ratio = RATIOS.get(aspectRatio == null ? "" : aspectRatio.strip());
        if (ratio == null) {
            throw new IllegalArgumentException("aspect ratio must be one of " + RATIOS.keySet() + ", not " + aspectRatio);
        }
        return ofRatio(ratio[0], ratio[1], shortSide);
    }

    static FrameSize ofRatio(double ratioW, double ratioH, int shortSide) {
        if (ratioW >= ratioH) {
            return new FrameSize(even(shortSide * ratioW / ratioH), even(shortSide));
        }
        return new FrameSize(even(shortSide), even(shortSide * ratioH / ratioW));
    }

    int shortSide() {
        return Math.min(width, height);
    }

    boolean portrait() {
        return height > width;
    }

    private static int even(double pixels) {
        return (int) Math.round(pixels / 2) * 2;
    }
}
