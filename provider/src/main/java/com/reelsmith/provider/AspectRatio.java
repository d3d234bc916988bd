package com.reelsmith.provider;

import java.util.List;

/** A width:height ratio as the models name them ("16:9"), and the pixel size it gives. */
public record AspectRatio(int width, int height) {

    public static final List<String> ALLOWED =
            List.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "4:5", "5:4", "21:9");

    public AspectRatio {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an aspect ratio needs positive sides, not " + width + ":" + height);
        }
    }

    /** null or blank is 1:1, the models' default; anything outside {@link #ALLOWED} is refused. */
    public static AspectRatio parse(String value) {
        if (value == null || value.isBlank()) {
            return new AspectRatio(1, 1);
        }
        if (!ALLOWED.contains(value)) {
            throw new IllegalArgumentException("aspect ratio '" + value + "' is not one of " + String.join(", ", ALLOWED));
        }
        String[] parts = value.split(":");
        return new AspectRatio(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    /** Any ratio, e.g. an input image's own width and height (match_input_image). */
    public static AspectRatio of(int width, int height) {
        return new AspectRatio(width, height);
    }

    /** The size whose longer side is {@code longSide}; both even, as H.264 needs. */
    public int[] size(int longSide) {
        double w = width >= height ? longSide : (double) longSide * width / height;
        double h = width >= height ? (double) longSide * height / width : longSide;
        return new int[] {even(w), even(h)};
    }

    private static int even(double value) {
        int n = Math.max(2, (int) Math.round(value));
        return n % 2 == 0 ? n : n - 1;
    }
}
