package com.reelsmith.studioworker.assembly;

import java.nio.file.Path;

/** An exported ad: the file, its content type, duration and frame size as probed. */
public record ExportedFile(Path file, String contentType, double durationS, int width, int height) {
}
