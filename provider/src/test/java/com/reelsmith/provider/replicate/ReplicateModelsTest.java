package com.reelsmith.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.provider.ImageRequest;
import com.reelsmith.provider.ReferenceImage;
import com.reelsmith.provider.VideoRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReplicateModelsTest {

    final ReplicateModels models = ReplicateModels.defaults();

    @Test
    void anImageRequestBecomesNanoBananaInput() {
        var request = new ImageRequest(UUID.randomUUID(), "a red sneaker", List.of(), "16:9", "png", 1);

        var input = models.imageInput(request, List.of("https://example.test/ref.png"));

        assertThat(input).containsExactlyInAnyOrderEntriesOf(Map.of("prompt", "a red sneaker",
                "image_input", List.of("https://example.test/ref.png"), "aspect_ratio", "16:9", "output_format", "png"));
        assertThat(models.imageInput(request, List.of())).doesNotContainKey("image_input");
    }

    @Test
    void aVideoRequestBecomesKlingInputWithItsStartImage() {
        var request = new VideoRequest(UUID.randomUUID(), "slow pan", new ReferenceImage(new byte[0], "image/png"), 10,
                "pro", "blurry", null);

        var input = models.videoInput(request, "https://example.test/start.png");

        assertThat(input).containsExactlyInAnyOrderEntriesOf(Map.of("prompt", "slow pan",
                "start_image", "https://example.test/start.png", "duration", 10, "mode", "pro", "negative_prompt", "blurry"));
        assertThat(models.imageModel()).isEqualTo("google/nano-banana");
        assertThat(models.videoModel()).isEqualTo("kwaivgi/kling-v2.1");
    }
}
