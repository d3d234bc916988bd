package com.reelsmith.work;

import com.reelsmith.platform.jobs.Job;
import com.reelsmith.provider.ImageRequest;
import com.reelsmith.provider.VideoRequest;

/**
 * Where a worker's job is generated. The local provider answers at once; a remote one starts a
 * prediction and leaves the job waiting in Postgres, and {@link #poll} looks at it again when a
 * webhook or the sweeper says so. Either way no thread waits on a remote model.
 */
public interface GenerationProvider {

    StepResult image(Job job, ImageRequest request, LoadedMedia reference);

    StepResult video(Job job, VideoRequest request, LoadedMedia startFrame);

    /** For a job that {@link Job#awaitsPrediction()}. */
    StepResult poll(Job job);

    /** Stops a prediction that nobody will collect (its job was canceled), so it stops costing money. */
    void cancelPrediction(String predictionId);
}
