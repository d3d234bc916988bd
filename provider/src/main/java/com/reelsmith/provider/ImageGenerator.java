package com.reelsmith.provider;

/** Makes one image from a prompt and/or reference images. */
public interface ImageGenerator {

    GeneratedMedia generateImage(ImageRequest request);
}
