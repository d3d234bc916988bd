package com.reelsmith.studioworker.assembly;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the ad's words in Java2D as transparent PNGs FFmpeg overlays (the bundled FFmpeg has no
 * drawtext): a scene's on-screen text on a brand-colored band in the lower third, the call to
 * action as a larger pill, and the end card (brand background, logo, call to action).
 *
 * <p>Readability: text sits on a mostly opaque band of the primary color with a soft shadow,
 * wrapped to at most {@value #MAX_LINES} lines inside a safe margin of 7% a side, and on tall frames
 * above the bottom fifth where TikTok's and Reels' own buttons and captions sit.
 */
final class TextCards {

    static final int MAX_LINES = 3;
    private static final float BAND_ALPHA = 0.82f;

    private final FrameSize frame;
    private final BrandStyle style;

    TextCards(FrameSize frame, BrandStyle style) {
        this.frame = frame;
        this.style = style;
    }

    /** The scene's text over the lower part of the frame. */
    Overlay sceneText(String text, Path png, double startS, double endS) {
        return band(text, baseFontPx(), BAND_ALPHA, png, startS, endS);
    }

    /** The closing call to action when there is no logo for an end card. */
    Overlay callToAction(String text, Path png, double startS, double endS) {
        return band(text, Math.round(baseFontPx() * 1.25f), 0.94f, png, startS, endS);
    }

    /** A full-frame card: the brand color, the logo in the middle, the call to action under it. */
    Overlay endCard(BufferedImage logo, String callToAction, Path png, double startS, double endS) {
        int w = frame.width();
        int h = frame.height();
        BufferedImage card = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(card);
        try {
            Color top = style.primary();
            Color bottom = top.darker();
            g.setPaint(new GradientPaint(0, 0, top, 0, h, new Color(bottom.getRed(), bottom.getGreen(), bottom.getBlue())));
            g.fillRect(0, 0, w, h);
            int centreY = (int) (h * (callToAction == null || callToAction.isBlank() ? 0.5 : 0.42));
            if (logo != null) {
                double scale = Math.min(w * 0.5 / logo.getWidth(), h * 0.3 / logo.getHeight());
                int lw = Math.max(1, (int) Math.round(logo.getWidth() * scale));
                int lh = Math.max(1, (int) Math.round(logo.getHeight() * scale));
                g.drawImage(logo, (w - lw) / 2, centreY - lh / 2, lw, lh, null);
                centreY += lh / 2 + (int) (baseFontPx() * 1.2);
            }
            if (callToAction != null && !callToAction.isBlank()) {
                Font font = fitted(callToAction, Math.round(baseFontPx() * 1.4f));
                g.setFont(font);
                FontMetrics metrics = g.getFontMetrics();
                List<String> lines = wrap(callToAction.strip(), metrics, safeWidth());
                int lineHeight = metrics.getHeight();
                int y = logo == null ? centreY - lineHeight * lines.size() / 2 : centreY;
                for (String line : lines) {
                    int x = (w - metrics.stringWidth(line)) / 2;
                    drawShadowed(g, line, x, y + metrics.getAscent(), font.getSize());
                    y += lineHeight;
                }
            }
        } finally {
            g.dispose();
        }
        write(card, png);
        return new Overlay(png, 0, 0, startS, endS);
    }

    private Overlay band(String text, int fontPx, float alpha, Path png, double startS, double endS) {
        Font font = fitted(text, fontPx);
        FontMetrics metrics = metricsOf(font);
        List<String> lines = wrap(text.strip(), metrics, safeWidth() - 2 * padX(font));
        int textWidth = lines.stream().mapToInt(metrics::stringWidth).max().orElse(0);
        int lineHeight = metrics.getHeight();
        int bandW = Math.min(frame.width(), textWidth + 2 * padX(font));
        int bandH = lineHeight * lines.size() + 2 * padY(font);
        int shadow = shadowPx(font.getSize());
        BufferedImage image = new BufferedImage(bandW + shadow, bandH + shadow, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        try {
            float arc = Math.min(bandH, font.getSize() * 1.1f);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.35f));
            g.setColor(Color.BLACK);
            g.fill(new RoundRectangle2D.Float(shadow, shadow, bandW, bandH, arc, arc));
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, alpha));
            g.setColor(style.primary());
            g.fill(new RoundRectangle2D.Float(0, 0, bandW, bandH, arc, arc));
            g.setComposite(AlphaComposite.SrcOver);
            g.setFont(font);
            int y = padY(font) + metrics.getAscent();
            for (String line : lines) {
                drawShadowed(g, line, (bandW - metrics.stringWidth(line)) / 2, y, font.getSize());
                y += lineHeight;
            }
        } finally {
            g.dispose();
        }
        write(image, png);
        int x = (frame.width() - bandW) / 2;
        int y = Math.max(0, bandBottom() - bandH);
        return new Overlay(png, x, y, startS, endS);
    }

    private void drawShadowed(Graphics2D g, String line, int x, int baseline, int fontPx) {
        int offset = Math.max(1, fontPx / 24);
        g.setColor(style.outline());
        g.drawString(line, x + offset, baseline + offset);
        g.setColor(style.text());
        g.drawString(line, x, baseline);
    }

    /** The largest size up to {@code fontPx} (down to 60% of it) at which the text fits in MAX_LINES. */
    private Font fitted(String text, int fontPx) {
        Font font = style.font().deriveFont(Font.BOLD, (float) fontPx);
        for (int px = fontPx; px >= fontPx * 0.6; px -= Math.max(1, fontPx / 10)) {
            font = style.font().deriveFont(Font.BOLD, (float) px);
            FontMetrics metrics = metricsOf(font);
            if (wrapAll(text.strip(), metrics, safeWidth() - 2 * padX(font)).size() <= MAX_LINES) {
                return font;
            }
        }
        return font;
    }

    /** Greedy word wrap, cut to MAX_LINES with an ellipsis; a single over-long word is broken by characters. */
    static List<String> wrap(String text, FontMetrics metrics, int maxWidth) {
        List<String> lines = wrapAll(text, metrics, maxWidth);
        if (lines.size() <= MAX_LINES) {
            return lines;
        }
        List<String> kept = new ArrayList<>(lines.subList(0, MAX_LINES));
        String last = kept.get(MAX_LINES - 1);
        while (!last.isEmpty() && metrics.stringWidth(last + "…") > maxWidth) {
            last = last.substring(0, last.length() - 1);
        }
        kept.set(MAX_LINES - 1, last.strip() + "…");
        return kept;
    }

    private static List<String> wrapAll(String text, FontMetrics metrics, int maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(candidate) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            while (metrics.stringWidth(word) > maxWidth && word.length() > 1) {
                int cut = word.length() - 1;
                while (cut > 1 && metrics.stringWidth(word.substring(0, cut)) > maxWidth) {
                    cut--;
                }
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private int baseFontPx() {
        return Math.round(frame.shortSide() * 0.055f);
    }

    private int safeWidth() {
        return (int) (frame.width() * 0.86);
    }

    /** Where bands end: above the bottom fifth on tall frames, a tenth from the bottom on wide ones. */
    private int bandBottom() {
        double fromTop = frame.portrait() ? (frame.height() >= frame.width() * 1.5 ? 0.76 : 0.84) : 0.9;
        return (int) (frame.height() * fromTop);
    }

    private static int padX(Font font) {
        return Math.round(font.getSize() * 0.6f);
    }

    private static int padY(Font font) {
        return Math.round(font.getSize() * 0.35f);
    }

    private static int shadowPx(int fontPx) {
        return Math.max(2, fontPx / 12);
    }

    private static FontMetrics metricsOf(Font font) {
        Graphics2D g = graphics(new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB));
        try {
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        return g;
    }

    private static void write(BufferedImage image, Path png) {
        try {
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new AssemblyException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new AssemblyException("cannot write the overlay " + png + ": " + e.getMessage(), e);
        }
    }
}
