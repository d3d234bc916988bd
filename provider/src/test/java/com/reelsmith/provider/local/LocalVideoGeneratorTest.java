package com.reelsmith.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.ReferenceImage;
import com.reelsmith.provider.VideoRequest;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.containers.mp4.demuxer.AbstractMP4DemuxerTrack;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import org.jcodec.scale.AWTUtil;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LocalVideoGeneratorTest {

    // small and short: every assertion here holds at any size, and encoding is the slow part
    final LocalSettings small = new LocalSettings(320, 160, 8, Duration.ZERO);
    final LocalVideoGenerator generator = new LocalVideoGenerator(small);
    final byte[] start = new LocalImageGenerator(small)
            .generateImage(LocalImageGeneratorTest.request("a red sneaker", "16:9", "png", 5)).bytes();

    @Test
    void aStartImageBecomesAnH264Mp4WithOneFramePerTick() throws Exception {
        var media = generator.generateVideo(request(2, null));

        assertThat(new String(media.bytes(), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertThat(media.contentType()).isEqualTo("video/mp4");
        assertThat(media.durationMs()).isEqualTo(2000);
        assertThat(media.fps()).isEqualTo(8);
        assertThat(media.provider()).isEqualTo("local");
        var track = (AbstractMP4DemuxerTrack) MP4Demuxer.createMP4Demuxer(channel(media.bytes())).getVideoTracks().get(0);
        assertThat(track.getMeta().getTotalFrames()).isEqualTo(2 * 8);
        assertThat(track.getMeta().getCodec().name()).isEqualTo("H264");
        assertThat(track.getSampleEntries()[0].getFourcc()).isEqualTo("avc1");
        var first = AWTUtil.toBufferedImage(FrameGrab.createFrameGrab(channel(media.bytes())).getNativeFrame());
        assertThat(first.getWidth()).isEqualTo(media.width()).isEqualTo(160);
        assertThat(first.getHeight()).isEqualTo(media.height()).isEqualTo(90);
    }

    @Test
    void theCameraMovesBetweenTheFirstAndTheLastFrame() throws Exception {
        var media = generator.generateVideo(request(2, null));

        var grab = FrameGrab.createFrameGrab(channel(media.bytes()));
        var firstFrame = AWTUtil.toBufferedImage(grab.getNativeFrame());
        grab.seekToFramePrecise(2 * 8 - 1);
        var lastFrame = AWTUtil.toBufferedImage(grab.getNativeFrame());

        // mean difference per channel; H.264 noise alone stays within a level or two
        assertThat(meanDifference(firstFrame, lastFrame)).isGreaterThan(5);
    }

    @Test
    void anAspectRatioOverridesTheStartImages() throws Exception {
        var media = generator.generateVideo(request(1, "9:16"));

        var first = AWTUtil.toBufferedImage(FrameGrab.createFrameGrab(channel(media.bytes())).getNativeFrame());
        assertThat(first.getWidth()).isEqualTo(media.width()).isEqualTo(90);
        assertThat(first.getHeight()).isEqualTo(media.height()).isEqualTo(160);
    }

    @Test
    void ffprobeAgreesWhenItIsInstalled() throws Exception {
        Optional<Path> ffprobe = onPath("ffprobe");
        Assumptions.assumeTrue(ffprobe.isPresent(), "ffprobe is not on the PATH");
        Path file = Files.createTempFile("reelsmith-local-test-", ".mp4");
        try {
            Files.write(file, generator.generateVideo(request(2, null)).bytes());
            Process p = new ProcessBuilder(ffprobe.get().toString(), "-v", "error", "-select_streams", "v:0",
                    "-show_entries", "stream=codec_name,width,height:format=duration", "-of", "default=nw=1",
                    file.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(out).contains("codec_name=h264", "width=160", "height=90");
            assertThat(Double.parseDouble(out.replaceAll("(?s).*duration=([0-9.]+).*", "$1"))).isBetween(1.9, 2.1);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aMissingOrUnreadableStartImageIsAnInputErrorNotARetry() {
        var missing = new VideoRequest(UUID.randomUUID(), "x", null, 5, "standard", null, null);
        var unreadable = new VideoRequest(UUID.randomUUID(), "x", new ReferenceImage("nope".getBytes(), "image/png"), 5,
                "standard", null, null);

        for (var bad : new VideoRequest[] {missing, unreadable}) {
            assertThatThrownBy(() -> generator.generateVideo(bad))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.code()).isEqualTo("invalid_input");
                        assertThat(e.retryable()).isFalse();
                    });
        }
    }

    @Test
    void aDurationOutsideOneToTenSecondsOrAnUnknownRatioIsAnInputError() {
        for (var bad : new VideoRequest[] {request(0, null), request(11, null), request(1, "7:5")}) {
            assertThatThrownBy(() -> generator.generateVideo(bad))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("invalid_input"));
        }
    }

    @Test
    void fiveSecondsAtTheDefaultsMake120FramesAt640x360() throws Exception {
        byte[] defaultStart = new LocalImageGenerator(LocalSettings.defaults())
                .generateImage(LocalImageGeneratorTest.request("a red sneaker", "16:9", "png", 5)).bytes();
        long started = System.nanoTime();
        var media = new LocalVideoGenerator(LocalSettings.defaults()).generateVideo(new VideoRequest(UUID.randomUUID(),
                "slow pan", new ReferenceImage(defaultStart, "image/png"), 5, "standard", null, null));
        long ms = (System.nanoTime() - started) / 1_000_000;
        // the figure quoted in LocalVideoGenerator; printed, not asserted, as the machine is shared
        System.out.printf("local provider: 5 s of %dx%d @ %d fps encoded in %d ms (%d bytes)%n",
                media.width(), media.height(), media.fps(), ms, media.bytes().length);

        assertThat(media.width()).isEqualTo(640);
        assertThat(media.height()).isEqualTo(360);
        assertThat(media.durationMs()).isEqualTo(5000);
        var track = MP4Demuxer.createMP4Demuxer(channel(media.bytes())).getVideoTracks().get(0);
        assertThat(track.getMeta().getTotalFrames()).isEqualTo(5 * 24);
    }

    private VideoRequest request(int seconds, String aspectRatio) {
        return new VideoRequest(UUID.randomUUID(), "slow pan", new ReferenceImage(start, "image/png"), seconds,
                "standard", null, aspectRatio);
    }

    private static SeekableByteChannel channel(byte[] bytes) {
        return ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(bytes));
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        long n = 0;
        for (int y = 0; y < a.getHeight(); y += 2) {
            for (int x = 0; x < a.getWidth(); x += 2) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                    n++;
                }
            }
        }
        return (double) sum / n;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
