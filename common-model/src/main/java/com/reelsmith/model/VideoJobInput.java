package com.reelsmith.model;

/**
 * The input of a video job, as stored in {@code jobs.input}. Without {@code start} the video
 * worker first has a start image generated (the image-then-video saga). {@code effectivePrompt}: the
 * prompt as sent, with the client's brand guidelines (null on older jobs: the prompt).
 * {@code startImagePrompt}: what the start image is made from when there is no {@code start} (a
 * production's scene: its image prompt, while {@code prompt} is its motion); null: the prompt.
 */
public record VideoJobInput(String prompt, String negativePrompt, Integer durationS, String mode, String aspectRatio,
                            MediaRef start, Long seed, String effectivePrompt, String startImagePrompt) {

    public VideoJobInput(String prompt, String negativePrompt, Integer durationS, String mode, String aspectRatio,
                         MediaRef start, Long seed, String effectivePrompt) {
        this(prompt, negativePrompt, durationS, mode, aspectRatio, start, seed, effectivePrompt, null);
    }

    /** What the model is asked for. */
    public String promptToSend() {
        return effectivePrompt != null ? effectivePrompt : prompt;
    }
}
