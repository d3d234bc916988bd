package com.reelsmith.studioworker.assembly;

import java.nio.file.Path;

/** The finished ad: an H.264 + AAC MP4, its duration as probed and its frame size. */
public record AssembledAd(Path file, double durationS, int width, int height) {
}
