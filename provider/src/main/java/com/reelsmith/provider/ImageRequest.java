package com.reelsmith.provider;

import java.util.List;
import java.util.UUID;

/**
 * aspectRatio: null (1:1), "match_input_image" or one of {@link AspectRatio#ALLOWED};
 * outputFormat: "png" or "jpg"; seed: same prompt and seed give the same image where the model allows.
 */
public record ImageRequest(UUID jobId, String prompt, List<ReferenceImage> references, String aspectRatio,
                           String outputFormat, long seed) {

    public ImageRequest {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
