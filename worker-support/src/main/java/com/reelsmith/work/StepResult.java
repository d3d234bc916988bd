package com.reelsmith.work;

import com.reelsmith.provider.GeneratedMedia;
import java.util.UUID;

/**
 * What one pass of a job came to: the media; "the job waits on its prediction"; or "the job
 * waits on child jobs" (a saga step parked it); or "the step recorded its own result" (a job
 * whose result is not media, such as a storyboard, written with {@link ResultRecorder#recordResult}).
 * Only {@code Done} has anything left to record.
 */
public sealed interface StepResult {

    /** providerUrl: where the provider served it (fresh for about an hour), or null. */
    record Done(GeneratedMedia media, String providerUrl) implements StepResult {
    }

    record Waiting(String predictionId) implements StepResult {
    }

    record Parked(String sagaState) implements StepResult {
    }

    /** The job succeeded with {@code resultId}, already recorded by the step; {@code summary} is for the log. */
    record Recorded(UUID resultId, String summary) implements StepResult {
    }
}
