package com.reelsmith.provider;

import java.util.UUID;

/** A clip from a start image: 5 or 10 seconds, "standard" or "pro"; aspectRatio null means the start image's. */
public record VideoRequest(UUID jobId, String prompt, ReferenceImage startImage, int durationSeconds, String mode,
                           String negativePrompt, String aspectRatio) {
}
