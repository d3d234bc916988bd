package com.reelsmith.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.imageio.ImageIO;
import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.scale.AWTUtil;

/** Frames out of an MP4: a video used as a reference means its first frame. */
public final class VideoFrames {

    /**
     * The largest frame decoded (4K UHD): the decoder allocates a frame of the size the stream's own
     * header declares, so a crafted upload could otherwise ask for gigabytes.
     */
    public static final long MAX_PIXELS = 3840L * 2160L;

    private VideoFrames() {
    }

    public static byte[] firstFramePng(byte[] mp4) {
        try {
            var channel = ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(mp4));
            var grab = FrameGrab.createFrameGrab(channel);
            var size = grab.getMediaInfo().getDim();
            if (size == null || (long) size.getWidth() * size.getHeight() > MAX_PIXELS || size.getWidth() <= 0
                    || size.getHeight() <= 0) {
                throw new ProviderException("invalid_input", "the referenced video's frames are "
                        + (size == null ? "of no declared size" : size.getWidth() + "x" + size.getHeight())
                        + "; at most " + MAX_PIXELS + " pixels are decoded", false);
            }
            var picture = grab.getNativeFrame();
            if (picture == null) {
                throw new ProviderException("invalid_input", "the referenced video has no frames", false);
            }
            var out = new ByteArrayOutputStream();
            ImageIO.write(AWTUtil.toBufferedImage(picture), "png", out);
            return out.toByteArray();
        } catch (IOException | JCodecException e) {
            throw new ProviderException("invalid_input", "the referenced video cannot be decoded: " + e.getMessage(), false, e);
        }
    }
}
