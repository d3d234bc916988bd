package com.reelsmith.model;

/**
 * The input of an image job, as stored in {@code jobs.input}: written by the gateway (or by the
 * video saga for a start image), read by the image worker. {@code effectivePrompt}: the prompt as
 * sent to the model, with the client's brand guidelines (null on jobs from before them: the prompt).
 */
public record ImageJobInput(String prompt, String aspectRatio, String outputFormat, MediaRef reference, Long seed,
                            String effectivePrompt) {

    /** What the model is asked for. */
    public String promptToSend() {
        return effectivePrompt != null ? effectivePrompt : prompt;
    }
}
