package com.reelsmith.model;

/**
 * The input of a video job, as stored in {@code jobs.input}. Without {@code start} the video
 * worker first has a start image generated (the image-then-video saga).
 */
public record VideoJobInput(String prompt, String negativePrompt, Integer durationS, String mode, String aspectRatio,
                            MediaRef start, Long seed) {
}
