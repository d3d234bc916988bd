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

    private VideoFrames() {
    }

    public static byte[] firstFramePng(byte[] mp4) {
        try {
            var channel = ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(mp4));
            var picture = FrameGrab.createFrameGrab(channel).getNativeFrame();
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
