package com.reelsmith.provider.local;

import com.reelsmith.provider.AspectRatio;
import com.reelsmith.provider.GeneratedMedia;
import com.reelsmith.provider.ImageGenerator;
import com.reelsmith.provider.ImageRequest;
import com.reelsmith.provider.ProviderException;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The offline image model: draws a real picture from the prompt, so the whole pipeline runs
 * with no network. Deterministic: the colours and shapes come from a Random seeded with the
 * prompt and the seed, so the same request gives byte-identical output.
 */
public class LocalImageGenerator implements ImageGenerator {

    private final LocalSettings settings;

    public LocalImageGenerator(LocalSettings settings) {
        this.settings = settings;
    }

    @Override
    public GeneratedMedia generateImage(ImageRequest request) {
        String prompt = request.prompt() == null ? "" : request.prompt().trim();
        if (prompt.isEmpty() && request.references().isEmpty()) {
            throw new ProviderException("invalid_input", "an image needs a prompt or a reference image", false);
        }
        BufferedImage reference = request.references().isEmpty() ? null
                : Images.decode(request.references().get(0), "the reference image");
        int[] size = sizeOf(request.aspectRatio(), reference);
        BufferedImage image = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            // fractional metrics stay off: whole-pixel glyph advances keep the output byte-identical
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Random random = new Random(prompt.hashCode() * 31L + request.seed());
            paintBackground(g, size, random);
            if (reference != null) {
                // mostly opaque over the gradient: an "edit" must visibly start from the reference,
                // yet still show that the prompt changed something
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.75f));
                Images.drawCover(g, reference, size[0], size[1]);
                g.setComposite(AlphaComposite.SrcOver);
            }
            paintShapes(g, size, random);
            paintCaption(g, size, prompt);
        } finally {
            g.dispose();
        }
        settings.pause();
        boolean jpeg = "jpg".equalsIgnoreCase(request.outputFormat()) || "jpeg".equalsIgnoreCase(request.outputFormat());
        return new GeneratedMedia(Images.encode(image, jpeg ? "jpg" : "png"), jpeg ? "image/jpeg" : "image/png",
                size[0], size[1], null, null, "local");
    }

    private int[] sizeOf(String aspectRatio, BufferedImage reference) {
        if ("match_input_image".equals(aspectRatio)) {
            if (reference == null) {
                throw new ProviderException("invalid_input", "match_input_image needs a reference image", false);
            }
            return AspectRatio.of(reference.getWidth(), reference.getHeight()).size(settings.imageLongSide());
        }
        try {
            return AspectRatio.parse(aspectRatio).size(settings.imageLongSide());
        } catch (IllegalArgumentException e) {
            throw new ProviderException("invalid_input", e.getMessage(), false);
        }
    }

    private static void paintBackground(Graphics2D g, int[] size, Random random) {
        g.setPaint(new GradientPaint(0, 0, color(random), size[0], size[1], color(random)));
        g.fillRect(0, 0, size[0], size[1]);
    }

    private static void paintShapes(Graphics2D g, int[] size, Random random) {
        int shortSide = Math.min(size[0], size[1]);
        for (int i = 0; i < 7; i++) {
            Color c = color(random);
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 90 + random.nextInt(100)));
            int d = shortSide / 8 + random.nextInt(Math.max(1, shortSide / 3));
            int x = random.nextInt(Math.max(1, size[0] - d / 2));
            int y = random.nextInt(Math.max(1, size[1] - d / 2));
            if (random.nextBoolean()) {
                g.fillOval(x, y, d, d);
            } else {
                g.fillRoundRect(x, y, d, d * 2 / 3, d / 5, d / 5);
            }
        }
    }

    private static void paintCaption(Graphics2D g, int[] size, String prompt) {
        if (prompt.isEmpty()) {
            return;
        }
        int fontSize = Math.max(10, Math.min(size[0], size[1]) / 14);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fontSize));
        var metrics = g.getFontMetrics();
        List<String> lines = wrap(prompt, metrics, size[0] - 2 * fontSize);
        int lineHeight = metrics.getHeight();
        int top = size[1] - fontSize - lineHeight * lines.size();
        g.setColor(new Color(0, 0, 0, 140));
        g.fillRect(0, top - fontSize / 2, size[0], lineHeight * lines.size() + fontSize);
        g.setColor(Color.WHITE);
        for (int i = 0; i < lines.size(); i++) {
            g.drawString(lines.get(i), fontSize, top + metrics.getAscent() + i * lineHeight);
        }
    }

    /** At most four lines: the caption labels the picture, it must not cover it. */
    private static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(candidate) > width && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
            if (lines.size() == 4) {
                break;
            }
        }
        if (!line.isEmpty() && lines.size() < 4) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static Color color(Random random) {
        return Color.getHSBColor(random.nextFloat(), 0.55f + random.nextFloat() * 0.4f, 0.55f + random.nextFloat() * 0.4f);
    }
}
