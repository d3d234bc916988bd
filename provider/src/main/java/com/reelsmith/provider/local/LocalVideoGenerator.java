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
import java.nio.file.Files;
import java.nio.file.Path;
import org.jcodec.api.awt.AWTSequenceEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Rational;

/**
 * The offline video model: a real H.264 MP4 (JCodec, pure Java) that slowly zooms into and pans
 * across the start image over the requested duration, so a laptop or CI makes playable video
 * with nothing installed.
 *
 * <p>Cost: JCodec encodes on one core, about 23 ms a frame at 640x360. Measured on the 2-core
 * build machine, 5 s at the defaults (640x360, 24 fps, 120 frames, from a 1024x576 start image)
 * took 3.7-4.0 s in a fresh JVM and 2.6-2.9 s once warm; a long side of 480 would take 2.2 s and
 * 1.5 s. That is within the few seconds a demo tolerates, so the default long side stays at 640.
 */
public class LocalVideoGenerator implements VideoGenerator {

    private static final double ZOOM = 0.15;
    /**
     * The product sells 5 and 10 s clips and the gateway enforces that; here anything up to the
     * longest real clip is accepted, so tests can ask for a second of video and finish quickly.
     */
    private static final int MAX_SECONDS = 10;

    private final LocalSettings settings;
    private final LocalFaults faults;

    public LocalVideoGenerator(LocalSettings settings) {
        this(settings, LocalFaults.none());
    }

    public LocalVideoGenerator(LocalSettings settings, LocalFaults faults) {
        this.settings = settings;
        this.faults = faults;
    }

    @Override
    public GeneratedMedia generateVideo(VideoRequest request) {
        if (request.startImage() == null) {
            throw new ProviderException("invalid_input", "a video needs a start image", false);
        }
        if (request.durationSeconds() < 1 || request.durationSeconds() > MAX_SECONDS) {
            throw new ProviderException("invalid_input",
                    "duration must be 1 to " + MAX_SECONDS + " seconds, not " + request.durationSeconds(), false);
        }
        faults.check(request.prompt());
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

    /** Through a temp file because JCodec's MP4 muxer seeks back to write the index at the end. */
    private byte[] encode(BufferedImage start, int[] size, int frames) {
        Path file = null;
        try {
            file = Files.createTempFile("reelsmith-local-", ".mp4");
            // our own channel, closed even when encoding fails half-way; finish() closing it too is harmless
            try (SeekableByteChannel out = NIOUtils.writableChannel(file.toFile())) {
                var encoder = new AWTSequenceEncoder(out, Rational.R(settings.fps(), 1));
                BufferedImage frame = new BufferedImage(size[0], size[1], BufferedImage.TYPE_3BYTE_BGR);
                for (int i = 0; i < frames; i++) {
                    drawFrame(frame, start, frames == 1 ? 0 : (double) i / (frames - 1));
                    encoder.encodeImage(frame);
                }
                encoder.finish();
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            // a full or unwritable temp directory may clear up, so another attempt is worth it
            throw new ProviderException("provider_failed", "the local provider cannot write the video: " + e.getMessage(),
                    true, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    file.toFile().deleteOnExit();
                }
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
                    (int) Math.round(x), (int) Math.round(y), (int) Math.round(x + cropW), (int) Math.round(y + cropH),
                    null);
        } finally {
            g.dispose();
        }
    }
}
