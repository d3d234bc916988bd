package com.reelsmith.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reelsmith.provider.ImageRequest;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.ReferenceImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LocalImageGeneratorTest {

    final LocalImageGenerator generator = new LocalImageGenerator(new LocalSettings(320, 160, 8, Duration.ZERO));

    @Test
    void aPromptBecomesAPngOfTheRequestedAspectRatio() throws Exception {
        for (var ratio : new String[][] {{"16:9", "320", "180"}, {"9:16", "180", "320"}, {null, "320", "320"}}) {
            var media = generator.generateImage(request("a red sneaker", ratio[0], "png", 1));

            var png = ImageIO.read(new ByteArrayInputStream(media.bytes()));
            assertThat(media.contentType()).isEqualTo("image/png");
            assertThat(png.getWidth()).as(ratio[0]).isEqualTo(Integer.parseInt(ratio[1])).isEqualTo(media.width());
            assertThat(png.getHeight()).as(ratio[0]).isEqualTo(Integer.parseInt(ratio[2])).isEqualTo(media.height());
        }
    }

    @Test
    void theSamePromptAndSeedGiveTheSameBytesAndAnotherPromptDoesNot() {
        byte[] first = generator.generateImage(request("a red sneaker", "1:1", "png", 42)).bytes();
        byte[] again = generator.generateImage(request("a red sneaker", "1:1", "png", 42)).bytes();
        byte[] other = generator.generateImage(request("a blue boot", "1:1", "png", 42)).bytes();
        byte[] otherSeed = generator.generateImage(request("a red sneaker", "1:1", "png", 43)).bytes();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void aReferenceWithMatchInputImageKeepsItsRatioAndJpgIsAJpeg() {
        byte[] wide = generator.generateImage(request("wide", "21:9", "png", 1)).bytes();

        var media = generator.generateImage(new ImageRequest(UUID.randomUUID(), "edit it",
                List.of(new ReferenceImage(wide, "image/png")), "match_input_image", "jpg", 1));

        assertThat((double) media.width() / media.height()).isCloseTo(21.0 / 9, org.assertj.core.data.Offset.offset(0.05));
        assertThat(media.contentType()).isEqualTo("image/jpeg");
        assertThat(media.bytes()[0] & 0xFF).isEqualTo(0xFF);
        assertThat(media.bytes()[1] & 0xFF).isEqualTo(0xD8);
    }

    @Test
    void neitherPromptNorReferenceIsAnInputErrorNotARetry() {
        assertThatThrownBy(() -> generator.generateImage(request("  ", null, "png", 1)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_input");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void anUnknownAspectRatioNamesTheAllowedOnes() {
        assertThatThrownBy(() -> generator.generateImage(request("x", "7:5", "png", 1)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("16:9").hasMessageContaining("7:5");
    }

    static ImageRequest request(String prompt, String ratio, String format, long seed) {
        return new ImageRequest(UUID.randomUUID(), prompt, List.of(), ratio, format, seed);
    }
}
