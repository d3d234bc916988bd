package com.reelsmith.model;

import java.util.UUID;

/** The input of an export job, as stored in {@code jobs.input}: the ad, its export row, and what to render. */
public record ExportJobInput(UUID adId, UUID exportId, String format, int resolution, String aspectRatio) {
}
