package com.reelsmith.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.jcodec.api.awt.AWTSequenceEncoder;
import org.jcodec.common.model.Rational;
import org.junit.jupiter.api.Test;

/** A video's first frame is decoded only when its declared size is one a decoder may allocate. */
class VideoFramesTest {

    @Test
    void aSmallVideosFirstFrameIsDecoded() throws IOException {
        byte[] still = VideoFrames.firstFramePng(oneFrameMp4(64, 48));

        var image = ImageIO.read(new ByteArrayInputStream(still));
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(48);
    }

    @Test
    void aVideoWhoseFramesAreLargerThan4kIsRefusedBeforeDecoding() throws IOException {
        var refused = catchThrowableOfType(ProviderException.class,
                () -> VideoFrames.firstFramePng(oneFrameMp4(3856, 2176)));

        assertThat(refused).isNotNull();
        assertThat(refused.code()).isEqualTo("invalid_input");
        assertThat(refused.getMessage()).contains("3856x2176", "at most " + VideoFrames.MAX_PIXELS);
    }

    /** Through a temp file because JCodec's MP4 muxer seeks back to write the index at the end. */
    private static byte[] oneFrameMp4(int width, int height) throws IOException {
        var file = java.nio.file.Files.createTempFile("reelsmith-frames-", ".mp4");
        try {
            try (var out = org.jcodec.common.io.NIOUtils.writableChannel(file.toFile())) {
                var encoder = new AWTSequenceEncoder(out, Rational.R(1, 1));
                var frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
                var g = frame.createGraphics();
                g.setColor(Color.ORANGE);
                g.fillRect(0, 0, width / 2, height);
                g.dispose();
                encoder.encodeImage(frame);
                encoder.finish();
            }
            return java.nio.file.Files.readAllBytes(file);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
