package com.reelsmith.provider.local;

import com.reelsmith.provider.AspectRatio;
import com.reelsmith.provider.GeneratedMedia;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.VideoGenerator;
import com.reelsmith.provider.VideoRequest;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jcodec.api.awt.AWTSequenceEncoder;

/**
 * The offline video model: a real H.264 MP4 (JCodec, pure Java) that slowly zooms into and pans
 * across the start image over the requested duration, so a laptop or CI makes playable video
 * with nothing installed.
 */
public class LocalVideoGenerator implements VideoGenerator {

    private static final double ZOOM = 0.15;

    private final LocalSettings settings;

    public LocalVideoGenerator(LocalSettings settings) {
        this.settings = settings;
    }

    @Override
    public GeneratedMedia generateVideo(VideoRequest request) {
        if (request.startImage() == null) {
            throw new ProviderException("invalid_input", "a video needs a start image", false);
        }
        if (request.durationSeconds() != 5 && request.durationSeconds() != 10) {
            throw new ProviderException("invalid_input", "duration must be 5 or 10 seconds", false);
        }
        BufferedImage start = Images.decode(request.startImage(), "the start image");
        int[] size = sizeOf(request.aspectRatio(), start);
        int frames = request.durationSeconds() * settings.fps();
        byte[] mp4 = encode(start, size, frames);
        settings.pause();
        return new GeneratedMedia(mp4, "video/mp4", size[0], size[1], request.durationSeconds() * 1000, settings.fps(),
                "local");
    }

    private int[] sizeOf(String aspectRatio, BufferedImage start) {
        try {
            AspectRatio ratio = aspectRatio == null || aspectRatio.isBlank()
                    ? AspectRatio.of(start.getWidth(), start.getHeight()) : AspectRatio.parse(aspectRatio);
            return ratio.size(settings.videoLongSide());
        } catch (IllegalArgumentException e) {
            throw new ProviderException("invalid_input", e.getMessage(), false);
        }
    }

    private byte[] encode(BufferedImage start, int[] size, int frames) {
        Path file = null;
        try {
            file = Files.createTempFile("reelsmith-local-", ".mp4");
            AWTSequenceEncoder encoder = AWTSequenceEncoder.createSequenceEncoder(file.toFile(), settings.fps());
            BufferedImage frame = new BufferedImage(size[0], size[1], BufferedImage.TYPE_3BYTE_BGR);
            for (int i = 0; i < frames; i++) {
                drawFrame(frame, start, frames == 1 ? 0 : (double) i / (frames - 1));
                encoder.encodeImage(frame);
            }
            encoder.finish();
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the local video", e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    /** Ken Burns: the visible window shrinks by ZOOM and drifts from the top-left towards the centre. */
    private static void drawFrame(BufferedImage frame, BufferedImage start, double t) {
        double eased = t * t * (3 - 2 * t);
        double scale = 1.0 - ZOOM * eased;
        // the crop keeps the frame's ratio, whatever the start image's
        double frameRatio = (double) frame.getWidth() / frame.getHeight();
        double cropW = Math.min(start.getWidth(), start.getHeight() * frameRatio) * scale;
        double cropH = cropW / frameRatio;
        double x = (start.getWidth() - cropW) * (0.5 * eased);
        double y = (start.getHeight() - cropH) * (0.5 * eased);
        Graphics2D g = frame.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(start, 0, 0, frame.getWidth(), frame.getHeight(),
                    (int) x, (int) y, (int) (x + cropW), (int) (y + cropH), null);
        } finally {
            g.dispose();
        }
    }
}
