package com.reelsmith.work;

import com.reelsmith.provider.GeneratedMedia;

/** What one pass of a job at its provider came to: the media, or "the job waits on its prediction". */
public sealed interface StepResult {

    /** providerUrl: where the provider served it (fresh for about an hour), or null. */
    record Done(GeneratedMedia media, String providerUrl) implements StepResult {
    }

    record Waiting(String predictionId) implements StepResult {
    }
}
