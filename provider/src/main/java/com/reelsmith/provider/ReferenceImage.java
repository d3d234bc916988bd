package com.reelsmith.provider;

/** A reference image the model should follow or edit (bytes as stored by Reelsmith). */
public record ReferenceImage(byte[] bytes, String contentType) {
}
