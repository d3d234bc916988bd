package com.reelsmith.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.ReferenceImage;
import com.reelsmith.provider.VideoFrames;
import com.reelsmith.provider.VideoRequest;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import org.jcodec.scale.AWTUtil;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LocalVideoGeneratorTest {

    final LocalSettings small = new LocalSettings(320, 160, 8, Duration.ZERO);
    final byte[] start = new LocalImageGenerator(small)
            .generateImage(LocalImageGeneratorTest.request("a red sneaker", "16:9", "png", 5)).bytes();

    @Test
    void aStartImageBecomesAnH264Mp4WithOneFramePerTick() throws Exception {
        var media = new LocalVideoGenerator(small).generateVideo(request(5));

        assertThat(new String(media.bytes(), 4, 4)).isEqualTo("ftyp");
        assertThat(media.contentType()).isEqualTo("video/mp4");
        assertThat(media.durationMs()).isEqualTo(5000);
        var track = MP4Demuxer.createMP4Demuxer(channel(media.bytes())).getVideoTracks().get(0);
        assertThat(track.getMeta().getTotalFrames()).isEqualTo(5 * 8);
        assertThat(track.getMeta().getCodec().name()).isEqualTo("H264");
        var first = ImageIO.read(new ByteArrayInputStream(VideoFrames.firstFramePng(media.bytes())));
        assertThat(first.getWidth()).isEqualTo(media.width()).isEqualTo(160);
        assertThat(first.getHeight()).isEqualTo(media.height()).isEqualTo(90);
    }

    @Test
    void theCameraMovesBetweenTheFirstAndTheLastFrame() throws Exception {
        var media = new LocalVideoGenerator(small).generateVideo(request(5));

        var grab = FrameGrab.createFrameGrab(channel(media.bytes()));
        var firstFrame = AWTUtil.toBufferedImage(grab.getNativeFrame());
        grab.seekToFramePrecise(5 * 8 - 1);
        var lastFrame = AWTUtil.toBufferedImage(grab.getNativeFrame());

        long difference = 0;
        for (int y = 0; y < firstFrame.getHeight(); y += 4) {
            for (int x = 0; x < firstFrame.getWidth(); x += 4) {
                difference += Math.abs((firstFrame.getRGB(x, y) & 0xFF) - (lastFrame.getRGB(x, y) & 0xFF));
            }
        }
        assertThat(difference).isGreaterThan(1000);
    }

    @Test
    void ffprobeAgreesWhenItIsInstalled() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffprobe")), "ffprobe not installed");
        Path file = Files.createTempFile("local", ".mp4");
        Files.write(file, new LocalVideoGenerator(small).generateVideo(request(5)).bytes());
        Process p = new ProcessBuilder("/usr/bin/ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name:format=duration", "-of", "default=nw=1", file.toString()).redirectErrorStream(true).start();
        p.waitFor(30, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(out).contains("codec_name=h264");
        assertThat(Double.parseDouble(out.replaceAll("(?s).*duration=([0-9.]+).*", "$1"))).isBetween(4.9, 5.1);
        Files.delete(file);
    }

    @Test
    void anUnreadableStartImageIsAnInputError() {
        var bad = new VideoRequest(UUID.randomUUID(), "x", new ReferenceImage("nope".getBytes(), "image/png"), 5,
                "standard", null, null);

        assertThatThrownBy(() -> new LocalVideoGenerator(small).generateVideo(bad))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void fiveSecondsAtTheDefaultsEncodeInAFewSeconds() {
        long t0 = System.nanoTime();
        var media = new LocalVideoGenerator(LocalSettings.defaults()).generateVideo(request(5));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // a figure for the README, not an assertion on speed
        System.out.printf("local provider: 5 s of %dx%d @ %d fps encoded in %d ms (%d bytes)%n",
                media.width(), media.height(), media.fps(), ms, media.bytes().length);
        assertThat(media.width()).isEqualTo(640);
    }

    private VideoRequest request(int seconds) {
        return new VideoRequest(UUID.randomUUID(), "slow pan", new ReferenceImage(start, "image/png"), seconds,
                "standard", null, null);
    }

    private static ByteBufferSeekableByteChannel channel(byte[] bytes) {
        return ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(bytes));
    }
}
