package com.reelsmith.gateway.assets;

import com.reelsmith.provider.VideoFrames;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small JPEG (at most 320 px on its longer side) of an image, or of a video's first frame
 * (decoded with JCodec, as the local provider does: H.264 in MP4; other videos get none). A file
 * that cannot be decoded has no thumbnail rather than no upload: the upload was already checked.
 */
final class Thumbnails {

    private static final Logger log = LoggerFactory.getLogger(Thumbnails.class);
    static final int MAX_SIDE = 320;

    private Thumbnails() {
    }

    static Optional<byte[]> of(String kind, byte[] bytes) {
        try {
            byte[] still = switch (kind) {
                case AssetTypes.IMAGE -> bytes;
                case AssetTypes.VIDEO -> videoStill(bytes);
                default -> null;
            };
            if (still == null) {
                return Optional.empty();
            }
            BufferedImage image = readSubsampled(still);
            return image == null ? Optional.empty() : Optional.of(jpeg(scaled(image)));
        } catch (IOException | RuntimeException e) {
            log.debug("no thumbnail for a {} upload: {}", kind, e.toString());
            return Optional.empty();
        }
    }

    /**
     * A video's first frame, decoded under the same limit of concurrent decodes as uploaded images
     * (its size bounded by VideoFrames.MAX_PIXELS); none when the decoders stay busy.
     */
    private static byte[] videoStill(byte[] bytes) {
        boolean acquired = false;
        try {
            acquired = ImageInspector.DECODES.tryAcquire(2, java.util.concurrent.TimeUnit.SECONDS);
            return acquired ? VideoFrames.firstFramePng(bytes) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (acquired) {
                ImageInspector.DECODES.release();
            }
        }
    }

    /** Decodes only every n-th pixel of every n-th row: a 40 MP upload costs a thumbnail's memory, not 160 MB. */
    private static BufferedImage readSubsampled(byte[] bytes) throws IOException {
        try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            var readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return null;
            }
            var reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int longer = Math.max(reader.getWidth(0), reader.getHeight(0));
                var param = reader.getDefaultReadParam();
                int step = Math.max(1, longer / (MAX_SIDE * 2));
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }

    private static BufferedImage scaled(BufferedImage source) {
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, width, height, java.awt.Color.WHITE, null);
        g.dispose();
        return target;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
