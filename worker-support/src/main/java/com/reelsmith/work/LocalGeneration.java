package com.reelsmith.work;

import com.reelsmith.platform.jobs.Job;
import com.reelsmith.provider.ImageGenerator;
import com.reelsmith.provider.ImageRequest;
import com.reelsmith.provider.VideoGenerator;
import com.reelsmith.provider.VideoRequest;

/** The offline provider: every call finishes at once. */
public class LocalGeneration implements GenerationProvider {

    private final ImageGenerator images;
    private final VideoGenerator videos;

    public LocalGeneration(ImageGenerator images, VideoGenerator videos) {
        this.images = images;
        this.videos = videos;
    }

    @Override
    public StepResult image(Job job, ImageRequest request, LoadedMedia reference) {
        return new StepResult.Done(images.generateImage(request), null);
    }

    @Override
    public StepResult video(Job job, VideoRequest request, LoadedMedia startFrame) {
        return new StepResult.Done(videos.generateVideo(request), null);
    }

    @Override
    public StepResult poll(Job job) {
        throw new IllegalStateException("the local provider never leaves a job waiting on a prediction");
    }

    @Override
    public void cancelPrediction(String predictionId) {
        // the local provider makes no predictions
    }
}
