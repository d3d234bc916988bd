package com.reelsmith.work;

import com.reelsmith.provider.GeneratedMedia;

/**
 * What one pass of a job came to: the media; "the job waits on its prediction"; or "the job
 * waits on child jobs" (a saga step parked it). Only {@code Done} has anything left to record.
 */
public sealed interface StepResult {

    /** providerUrl: where the provider served it (fresh for about an hour), or null. */
    record Done(GeneratedMedia media, String providerUrl) implements StepResult {
    }

    record Waiting(String predictionId) implements StepResult {
    }

    record Parked(String sagaState) implements StepResult {
    }
}
