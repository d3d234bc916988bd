package com.reelsmith.provider.replicate;

import com.reelsmith.provider.ImageRequest;
import com.reelsmith.provider.VideoRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models Reelsmith runs on Replicate and how a request becomes each one's input, in one
 * place: a new model is a new mapping here, not a change in the workers.
 * nano-banana: prompt, image_input (reference URLs), aspect_ratio, output_format (jpg|png).
 * kling-v2.1: prompt, start_image (required: a URL), duration (5|10), mode (standard|pro), negative_prompt.
 */
public record ReplicateModels(String imageModel, String videoModel) {

    public static ReplicateModels defaults() {
        return new ReplicateModels("google/nano-banana", "kwaivgi/kling-v2.1");
    }

    public Map<String, Object> imageInput(ImageRequest request, List<String> referenceUrls) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("prompt", request.prompt() == null ? "" : request.prompt());
        if (!referenceUrls.isEmpty()) {
            input.put("image_input", List.copyOf(referenceUrls));
        }
        if (request.aspectRatio() != null) {
            input.put("aspect_ratio", request.aspectRatio());
        }
        input.put("output_format", "png".equals(request.outputFormat()) ? "png" : "jpg");
        return input;
    }

    public Map<String, Object> videoInput(VideoRequest request, String startImageUrl) {
        if (startImageUrl == null) {
            throw new IllegalArgumentException("kling-v2.1 needs a start image URL");
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("prompt", request.prompt());
        input.put("start_image", startImageUrl);
        input.put("duration", request.durationSeconds());
        input.put("mode", "pro".equals(request.mode()) ? "pro" : "standard");
        if (request.negativePrompt() != null) {
            input.put("negative_prompt", request.negativePrompt());
        }
        return input;
    }
}
