package com.reelsmith.studioworker.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.reelsmith.studioworker.music.AudioDirection;
import com.reelsmith.studioworker.music.LocalMusicBed;
import com.reelsmith.testing.RequiresBundledFfmpeg;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assembles real ads from the local provider's clips with the bundled FFmpeg and checks them with
 * the system's own ffprobe/ffmpeg, an independent decoder.
 */
@Tag("no-broker")
class AdAssemblerTest {

    private static final Color BRAND_PINK = new Color(0xE0, 0x21, 0x8A);
    /** Frames looked at by a person go here, kept after the build (target/ is not committed). */
    static final Path FRAMES = Path.of("target", "assembly-frames");

    @TempDir
    static Path dir;
    static Path sneaker2s;
    static Path street2s;
    static Path city1s;

    @BeforeAll
    static void clips() throws Exception {
        sneaker2s = TestClips.clip(dir, "a red sneaker on a white plinth", "16:9", 2);
        street2s = TestClips.clip(dir, "a runner on a wet street at dawn", "16:9", 2);
        city1s = TestClips.clip(dir, "city skyline at night", "16:9", 1);
        Files.createDirectories(FRAMES);
    }

    @Test
    @RequiresBundledFfmpeg("assembles an ad")
    void threeScenesBecomeA1080pH264AdWithAudibleMusicLastingTheirSumWithTextAndAnEndCard() throws Exception {
        SystemFfmpeg.assumeInstalled();
        Path music = new LocalMusicBed().compose(AudioDirection.from("upbeat electronic, 120 bpm", "bold"), 4, dir);
        var cut = new AdCut(List.of(
                new AdScene(sneaker2s, 2.0, "Run lighter than air"),
                new AdScene(street2s, 1.5, null),
                // a 1 s clip for a 2.5 s scene: its last frame is held
                new AdScene(city1s, 2.5, "Made for city miles")),
                "16:9", new AdLook("#E0218A", "#FFFFFF", "No Such Font Family", TestClips.logo()), "Shop the drop",
                music, 0.3);

        AssembledAd ad = new AdAssembler().assemble(cut, dir.resolve("ads/sneaker.mp4"));

        assertThat(ad.file()).exists();
        assertThat(ad.width()).isEqualTo(1920);
        assertThat(ad.height()).isEqualTo(1080);
        assertThat(ad.durationS()).isCloseTo(6.0, within(0.1));
        Map<String, String> probe = SystemFfmpeg.probe(ad.file());
        assertThat(probe).containsEntry("video.codec_name", "h264").containsEntry("video.width", "1920")
                .containsEntry("video.height", "1080").containsEntry("audio.codec_name", "aac");
        assertThat(Double.parseDouble(probe.get("format.duration"))).isCloseTo(6.0, within(0.1));
        // music looped from 4 s to 6 s, normalised towards -16 LUFS: far from silence
        assertThat(SystemFfmpeg.meanVolumeDb(ad.file())).isGreaterThan(-50.0);

        // scene 1 carries its text on a pink band in the lower part; scene 2 has none
        BufferedImage withText = SystemFfmpeg.frameAt(ad.file(), 1.0, FRAMES.resolve("sneaker-scene1.png"));
        BufferedImage withoutText = SystemFfmpeg.frameAt(ad.file(), 2.9, FRAMES.resolve("sneaker-scene2.png"));
        int bandTop = (int) (1080 * 0.9) - 100;
        assertThat(share(withText, BRAND_PINK, 0, bandTop, 1920, 90)).isGreaterThan(0.08);
        assertThat(share(withoutText, BRAND_PINK, 0, bandTop, 1920, 90)).isLessThan(0.01);
        // white letters on the band: more white pixels there than in the same place without text
        assertThat(share(withText, Color.WHITE, 0, bandTop, 1920, 90))
                .isGreaterThan(share(withoutText, Color.WHITE, 0, bandTop, 1920, 90) + 0.005);
        // the close (last 1.25 s): the end card in the brand color with the yellow logo in the middle
        BufferedImage endCard = SystemFfmpeg.frameAt(ad.file(), 5.85, FRAMES.resolve("sneaker-end-card.png"));
        assertThat(share(endCard, BRAND_PINK, 0, 0, 1920, 120)).isGreaterThan(0.9);
        assertThat(share(endCard, new Color(0xFF, 0xD6, 0x00), 860, 380, 200, 100)).isGreaterThan(0.5);
        // and fully opaque: no trace of the video through it (one row of the gradient is one color)
        assertThat(spread(endCard, 1300, 950, 600)).isLessThan(8);
        // nothing left behind next to the output but the ad itself
        try (Stream<Path> files = Files.list(ad.file().getParent())) {
            assertThat(files).containsExactly(ad.file());
        }
    }

    @Test
    @RequiresBundledFfmpeg("assembles an ad")
    void aPortraitAdWithoutMusicOrTransitionsIs1080x1920WithASilentTrackAndTheRightLength() throws Exception {
        SystemFfmpeg.assumeInstalled();
        var cut = new AdCut(List.of(new AdScene(sneaker2s, 1.2, "Tall text for a tall screen, wrapped"),
                new AdScene(street2s, 1.3, null)), "9:16", AdLook.plain(), "Tap to shop", null, 0);

        AssembledAd ad = new AdAssembler().assemble(cut, dir.resolve("portrait.mp4"));

        Map<String, String> probe = SystemFfmpeg.probe(ad.file());
        assertThat(probe).containsEntry("video.codec_name", "h264").containsEntry("video.width", "1080")
                .containsEntry("video.height", "1920").containsEntry("audio.codec_name", "aac");
        assertThat(Double.parseDouble(probe.get("format.duration"))).isCloseTo(2.5, within(0.1));
        BufferedImage withText = SystemFfmpeg.frameAt(ad.file(), 0.6, FRAMES.resolve("portrait-scene1.png"));
        BufferedImage withoutText = SystemFfmpeg.frameAt(ad.file(), 1.9, FRAMES.resolve("portrait-scene2.png"));
        // the default band is near-black, above the bottom fifth where the apps put their own buttons
        Color band = new Color(0x14, 0x14, 0x18);
        assertThat(share(withText, band, 0, 1240, 1080, 200))
                .isGreaterThan(share(withoutText, band, 0, 1240, 1080, 200) + 0.08);
    }

    @Test
    void aMissingClipOrAnUnknownRatioIsRefusedBeforeFfmpegRuns() {
        var missing = new AdCut(List.of(new AdScene(dir.resolve("nope.mp4"), 2, "x")), "16:9", null, null, null, 0.3);
        var badRatio = new AdCut(List.of(new AdScene(sneaker2s, 2, "x")), "7:5", null, null, null, 0.3);

        assertThatThrownBy(() -> new AdAssembler().assemble(missing, dir.resolve("a.mp4")))
                .isInstanceOf(AssemblyException.class).hasMessageContaining("scene 1's clip does not exist");
        assertThatThrownBy(() -> new AdAssembler().assemble(badRatio, dir.resolve("b.mp4")))
                .isInstanceOf(AssemblyException.class).hasMessageContaining("aspect ratio must be one of");
    }

    @Test
    @RequiresBundledFfmpeg("assembles an ad")
    void aClipFfmpegCannotReadFailsWithFfmpegsOwnWordsAndLeavesNothingBehind() throws Exception {
        Path out = Files.createDirectories(dir.resolve("broken"));
        Path garbage = Files.writeString(out.resolve("garbage.mp4"), "this is not a video");
        var cut = new AdCut(List.of(new AdScene(garbage, 2, "x")), "1:1", null, null, null, 0.3);

        assertThatThrownBy(() -> new AdAssembler().assemble(cut, out.resolve("ad.mp4")))
                .isInstanceOf(AssemblyException.class)
                .hasMessageContaining("assembling the ad failed (ffmpeg exit")
                .hasMessageContaining("garbage.mp4");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).containsExactly(garbage);
        }
    }

    @Test
    @RequiresBundledFfmpeg("assembles an ad")
    void anInterruptedAssemblyKillsItsFfmpegAndLeavesNothingBehind() throws Exception {
        Path out = Files.createDirectories(dir.resolve("interrupted"));
        var cut = new AdCut(List.of(new AdScene(sneaker2s, 10, "long"), new AdScene(street2s, 10, "longer")), "16:9",
                null, null, null, 0.3);
        var failure = new AtomicReference<Throwable>();
        Thread assembling = new Thread(() -> {
            try {
                new AdAssembler().assemble(cut, out.resolve("ad.mp4"));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        assembling.start();
        List<ProcessHandle> ffmpeg = List.of();
        for (int i = 0; i < 2400 && ffmpeg.isEmpty() && assembling.isAlive(); i++) {
            Thread.sleep(50);
            ffmpeg = ProcessHandle.current().children()
                    .filter(p -> p.info().command().orElse("").endsWith("/ffmpeg")).toList();
        }
        assertThat(ffmpeg).as("an ffmpeg child while assembling").isNotEmpty();

        // what a canceled job does to its worker thread
        assembling.interrupt();
        assembling.join(30_000);

        assertThat(assembling.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(AssemblyException.class).hasMessageContaining("interrupted");
        assertThat(ffmpeg).noneMatch(ProcessHandle::isAlive);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    /** The largest difference of any channel between pixels of one row segment. */
    static int spread(BufferedImage image, int x0, int y, int w) {
        int[] min = {255, 255, 255};
        int[] max = {0, 0, 0};
        for (int x = x0; x < x0 + w; x++) {
            int rgb = image.getRGB(x, y);
            for (int c = 0; c < 3; c++) {
                int v = (rgb >> (16 - 8 * c)) & 0xff;
                min[c] = Math.min(min[c], v);
                max[c] = Math.max(max[c], v);
            }
        }
        return Math.max(max[0] - min[0], Math.max(max[1] - min[1], max[2] - min[2]));
    }

    /** The share of pixels in the rectangle within a small distance of {@code color}. */
    static double share(BufferedImage image, Color color, int x0, int y0, int w, int h) {
        int near = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int rgb = image.getRGB(x, y);
                int dr = ((rgb >> 16) & 0xff) - color.getRed();
                int dg = ((rgb >> 8) & 0xff) - color.getGreen();
                int db = (rgb & 0xff) - color.getBlue();
                if (dr * dr + dg * dg + db * db < 60 * 60) {
                    near++;
                }
            }
        }
        return (double) near / (w * h);
    }
}
