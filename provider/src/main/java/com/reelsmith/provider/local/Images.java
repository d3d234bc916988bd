package com.reelsmith.provider.local;

import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.ReferenceImage;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** Decoding and encoding of images for the local provider. */
final class Images {

    /**
     * A few KB of PNG can declare a 30000x30000 canvas; decoding that would take gigabytes of
     * heap in a long-lived worker, so the declared size is checked before any pixel is read.
     */
    private static final long MAX_PIXELS = 40_000_000L;

    private Images() {
    }

    static BufferedImage decode(ReferenceImage reference, String what) {
        if (reference == null || reference.bytes() == null || reference.bytes().length == 0) {
            throw new ProviderException("invalid_input", what + " is missing", false);
        }
        // in memory: the bytes are already here, and ImageIO's default would cache them to a temp file
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(reference.bytes()))) {
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ProviderException("invalid_input", what + " is not an image the local provider can read", false);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new ProviderException("invalid_input", what + " is " + reader.getWidth(0) + "x"
                            + reader.getHeight(0) + ", larger than the local provider reads", false);
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProviderException p) {
                throw p;
            }
            // ImageIO's decoders throw unchecked exceptions on some truncated or malformed files
            throw new ProviderException("invalid_input", what + " cannot be decoded: " + e.getMessage(), false, e);
        }
    }

    /** Scales {@code image} to cover the whole target, cropping the overflow, so it is never stretched. */
    static void drawCover(Graphics2D g, BufferedImage image, int width, int height) {
        double scale = Math.max((double) width / image.getWidth(), (double) height / image.getHeight());
        int w = (int) Math.ceil(image.getWidth() * scale);
        int h = (int) Math.ceil(image.getHeight() * scale);
        g.drawImage(image, (width - w) / 2, (height - h) / 2, w, h, null);
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            var out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
