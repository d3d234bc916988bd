package com.reelsmith.provider;

/** Makes one video clip animated from a start image. */
public interface VideoGenerator {

    GeneratedMedia generateVideo(VideoRequest request);
}
