package com.reelsmith.model;

/**
 * The input of an image job, as stored in {@code jobs.input}: written by the gateway (or by the
 * video saga for a start image), read by the image worker.
 */
public record ImageJobInput(String prompt, String aspectRatio, String outputFormat, MediaRef reference, Long seed) {
}
