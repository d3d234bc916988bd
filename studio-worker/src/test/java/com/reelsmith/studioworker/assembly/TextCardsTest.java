package com.reelsmith.studioworker.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("no-broker")
class TextCardsTest {

    @TempDir
    Path dir;

    private final FrameSize wide = FrameSize.of("16:9", 1080);

    @Test
    void aSceneTextIsABrandColoredBandCentredInTheLowerPartInsideTheSafeMargins() throws Exception {
        var cards = new TextCards(wide, BrandStyle.of(new AdLook("#0055FF", null, null, null)));

        Overlay band = cards.sceneText("Grip on wet streets", dir.resolve("t.png"), 1, 3);

        BufferedImage png = ImageIO.read(band.png().toFile());
        assertThat(band.x()).isGreaterThanOrEqualTo((int) (1920 * 0.07) - 1);
        assertThat(band.x() + png.getWidth()).isLessThanOrEqualTo(1920 - (int) (1920 * 0.07) + 10);
        assertThat(band.y()).isGreaterThan(1080 / 2);
        assertThat(band.y() + png.getHeight()).isLessThanOrEqualTo(1080);
        // the band's left end, away from the letters, is the brand blue, mostly opaque
        int rgb = png.getRGB(png.getWidth() / 40 + 4, png.getHeight() / 2);
        assertThat(new Color(rgb, true).getAlpha()).isGreaterThan(180);
        assertThat(new Color(rgb, true).getBlue()).isGreaterThan(200);
        // white text was chosen to read on blue: some pixels are near white
        assertThat(countNear(png, Color.WHITE)).isGreaterThan(500);
    }

    @Test
    void aLongTextWrapsToAtMostThreeLinesAndShrinksBeforeItIsCut() throws Exception {
        var cards = new TextCards(FrameSize.of("9:16", 1080), BrandStyle.of(AdLook.plain()));
        Files.createDirectories(AdAssemblerTest.FRAMES);
        String shortText = "Lighter than air";
        String longText = "Every step on every street in every weather feels lighter than the last one, "
                + "because the foam remembers your stride and the grip never lets go of the ground";

        BufferedImage one = ImageIO.read(cards.sceneText(shortText, dir.resolve("a.png"), 0, 1).png().toFile());
        BufferedImage many = ImageIO.read(cards.sceneText(longText, dir.resolve("b.png"), 0, 1).png().toFile());

        // three lines of a smaller size: taller than one line, never more than three of the full size
        assertThat(many.getHeight()).isGreaterThan(one.getHeight() * 5 / 4).isLessThan(one.getHeight() * 3);
        assertThat(many.getWidth()).isLessThanOrEqualTo((int) (1080 * 0.86) + 20);
        ImageIO.write(many, "png", AdAssemblerTest.FRAMES.resolve("long-text-band.png").toFile());
        var metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics()
                .getFontMetrics(BrandStyle.bundledFont().deriveFont(40f));
        var lines = TextCards.wrap(longText, metrics, 600);
        assertThat(lines).hasSize(TextCards.MAX_LINES);
        assertThat(lines.get(2)).endsWith("…");
        assertThat(lines).allSatisfy(line -> assertThat(metrics.stringWidth(line)).isLessThanOrEqualTo(600));
    }

    @Test
    void aBrandTextColorThatCannotBeReadOnItsBandIsReplaced() {
        var style = BrandStyle.of(new AdLook("#FFFF00", "#FFFFEE", null, null));

        assertThat(style.text()).isEqualTo(Color.BLACK);
        assertThat(BrandStyle.of(new AdLook("not a color", null, "Not Installed Family", null)).font().getFamily())
                .isEqualTo("DejaVu Sans");
    }

    private static int countNear(BufferedImage image, Color color) {
        int near = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y), true);
                if (c.getAlpha() > 200 && Math.abs(c.getRed() - color.getRed()) + Math.abs(c.getGreen() - color.getGreen())
                        + Math.abs(c.getBlue() - color.getBlue()) < 40) {
                    near++;
                }
            }
        }
        return near;
    }
}
