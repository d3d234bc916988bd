package com.reelsmith.studioworker.assembly;

import java.nio.file.Path;

/** A transparent PNG drawn over the video at (x, y) from {@code startS} until {@code endS}. */
record Overlay(Path png, int x, int y, double startS, double endS) {
}
