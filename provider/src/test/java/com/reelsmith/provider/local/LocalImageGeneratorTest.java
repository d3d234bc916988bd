package com.reelsmith.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.reelsmith.provider.AspectRatio;
import com.reelsmith.provider.GeneratedMedia;
import com.reelsmith.provider.ImageRequest;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.ReferenceImage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
            assertThat(media.provider()).isEqualTo("local");
            assertThat(media.durationMs()).isNull();
            assertThat(media.fps()).isNull();
            assertThat(png.getWidth()).as(ratio[0]).isEqualTo(Integer.parseInt(ratio[1])).isEqualTo(media.width());
            assertThat(png.getHeight()).as(ratio[0]).isEqualTo(Integer.parseInt(ratio[2])).isEqualTo(media.height());
        }
    }

    @Test
    void theDefaultSizeIsTheConfiguredLongSide() throws Exception {
        var media = new LocalImageGenerator(LocalSettings.defaults())
                .generateImage(request("a red sneaker", "16:9", null, 1));

        var png = ImageIO.read(new ByteArrayInputStream(media.bytes()));
        assertThat(png.getWidth()).isEqualTo(1024);
        assertThat(png.getHeight()).isEqualTo(576);
        assertThat(media.contentType()).isEqualTo("image/png");
    }

    @Test
    void theSamePromptAndSeedGiveTheSameBytesAndAnotherPromptOrSeedDoesNot() {
        byte[] first = generator.generateImage(request("a red sneaker", "1:1", "png", 42)).bytes();
        byte[] again = new LocalImageGenerator(new LocalSettings(320, 160, 8, Duration.ZERO))
                .generateImage(request("a red sneaker", "1:1", "png", 42)).bytes();
        byte[] other = generator.generateImage(request("a blue boot", "1:1", "png", 42)).bytes();
        byte[] otherSeed = generator.generateImage(request("a red sneaker", "1:1", "png", 43)).bytes();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void aReferenceWithMatchInputImageKeepsItsRatioAndJpgIsAJpeg() throws Exception {
        byte[] wide = generator.generateImage(request("wide", "21:9", "png", 1)).bytes();

        var media = generator.generateImage(new ImageRequest(UUID.randomUUID(), "edit it",
                List.of(new ReferenceImage(wide, "image/png")), "match_input_image", "jpg", 1));

        assertThat((double) media.width() / media.height()).isCloseTo(21.0 / 9, within(0.05));
        assertThat(media.width()).isEqualTo(320);
        assertThat(media.contentType()).isEqualTo("image/jpeg");
        assertThat(media.bytes()[0] & 0xFF).isEqualTo(0xFF);
        assertThat(media.bytes()[1] & 0xFF).isEqualTo(0xD8);
        var jpeg = ImageIO.read(new ByteArrayInputStream(media.bytes()));
        assertThat(jpeg.getWidth()).isEqualTo(media.width());
        assertThat(jpeg.getHeight()).isEqualTo(media.height());
    }

    @Test
    void anEditVisiblyStartsFromTheReference() throws Exception {
        // same prompt and seed, so only the reference differs between the two edits
        var onGreen = edit(solid(new Color(0, 200, 0), 200, 100));
        var onMagenta = edit(solid(new Color(200, 0, 200), 200, 100));

        assertThat(onGreen.width()).isEqualTo(320);
        assertThat(onGreen.height()).isEqualTo(160);
        assertThat(greenExcess(onGreen.bytes())).isGreaterThan(100);
        assertThat(greenExcess(onMagenta.bytes())).isLessThan(-50);
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
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_input");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("7:5");
                    AspectRatio.ALLOWED.forEach(allowed -> assertThat(e.getMessage()).contains(allowed));
                });
    }

    @Test
    void matchInputImageWithoutAReferenceOrAnUnreadableReferenceIsAnInputError() {
        assertThatThrownBy(() -> generator.generateImage(request("x", "match_input_image", "png", 1)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("invalid_input"));
        assertThatThrownBy(() -> generator.generateImage(new ImageRequest(UUID.randomUUID(), "x",
                List.of(new ReferenceImage("not a png".getBytes(), "image/png")), null, "png", 1)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_input");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void theSimulatedLatencyDelaysTheAnswer() {
        var slow = new LocalImageGenerator(new LocalSettings(32, 32, 8, Duration.ofMillis(300)));

        long started = System.nanoTime();
        slow.generateImage(request("x", null, "png", 1));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    private GeneratedMedia edit(byte[] reference) {
        return generator.generateImage(new ImageRequest(UUID.randomUUID(), "make it pop",
                List.of(new ReferenceImage(reference, "image/png")), "match_input_image", "png", 3));
    }

    static ImageRequest request(String prompt, String ratio, String format, long seed) {
        return new ImageRequest(UUID.randomUUID(), prompt, List.of(), ratio, format, seed);
    }

    static byte[] solid(Color color, int width, int height) throws Exception {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** Mean of green minus the mean of red and blue over the top half. */
    private static double greenExcess(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        double sum = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight() / 2; y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                var c = new Color(image.getRGB(x, y));
                sum += c.getGreen() - (c.getRed() + c.getBlue()) / 2.0;
                n++;
            }
        }
        return sum / n;
    }
}
