package com.reelsmith.model;

import java.util.UUID;

/** A reference to media Reelsmith keeps: an uploaded asset, a generated image or a generated video. */
public record MediaRef(String type, UUID id) {

    public static final String ASSET = "asset";
    public static final String IMAGE = "image";
    public static final String VIDEO = "video";
}
