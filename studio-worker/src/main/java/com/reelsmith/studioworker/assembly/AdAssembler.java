package com.reelsmith.studioworker.assembly;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns scene clips, their texts, the brand's look, a call to action and music into the finished
 * ad: an H.264 (OpenH264) + AAC MP4 at 1080p in the cut's aspect ratio, lasting the sum of the
 * scene durations, with the index at the front for progressive playback.
 *
 * <p>One ffmpeg run (see {@link AssemblyCommand}); its scratch files live in a folder next to the
 * output, removed afterwards, and the output appears only when complete (written aside, then moved).
 */
public final class AdAssembler {

    private static final Logger log = LoggerFactory.getLogger(AdAssembler.class);
    static final int SHORT_SIDE = 1080;
    /** The close: half the last scene, at least a second, at most two and a half. */
    private static final double MIN_CLOSE_S = 1.0;
    private static final double MAX_CLOSE_S = 2.5;

    private final Duration baseTimeout;
    private final Duration timeoutPerAdSecond;

    /** Generous for a shared 2-core machine: 5 minutes plus 20 s per second of ad (measured: ~1.5 s CPU per second). */
    public AdAssembler() {
        this(Duration.ofMinutes(5), Duration.ofSeconds(20));
    }

    public AdAssembler(Duration baseTimeout, Duration timeoutPerAdSecond) {
        this.baseTimeout = baseTimeout;
        this.timeoutPerAdSecond = timeoutPerAdSecond;
    }

    public AssembledAd assemble(AdCut cut, Path output) {
        FrameSize frame;
        try {
            frame = FrameSize.of(cut.aspectRatio(), SHORT_SIDE);
        } catch (IllegalArgumentException e) {
            throw new AssemblyException(e.getMessage(), e);
        }
        checkInputs(cut);
        Path target = output.toAbsolutePath();
        Path workDir = workDirNextTo(target);
        try {
            Timeline timeline = Timeline.of(cut.scenes(), cut.transitionS(), AssemblyCommand.FPS);
            TextCards cards = new TextCards(frame, BrandStyle.of(cut.look()));
            BufferedImage logo = logo(cut.look());
            String cta = blankToNull(cut.callToAction());
            boolean hasClose = logo != null || cta != null;
            double lastScene = timeline.endS(timeline.scenes() - 1) - timeline.startS(timeline.scenes() - 1);
            double closeStart = hasClose
                    ? timeline.totalS() - Math.min(lastScene, Math.max(MIN_CLOSE_S, Math.min(MAX_CLOSE_S, lastScene / 2)))
                    : timeline.totalS();

            List<Overlay> overlays = new ArrayList<>();
            for (int k = 0; k < timeline.scenes(); k++) {
                String text = blankToNull(cut.scenes().get(k).onScreenText());
                double end = k == timeline.scenes() - 1 ? closeStart : timeline.endS(k);
                if (text != null && end - timeline.startS(k) > 0.2) {
                    overlays.add(cards.sceneText(text, workDir.resolve("text-" + k + ".png"), timeline.startS(k), end));
                }
            }
            Overlay endCard = null;
            if (logo != null) {
                endCard = cards.endCard(logo, cta, workDir.resolve("end-card.png"), closeStart, timeline.totalS());
            } else if (cta != null) {
                overlays.add(cards.callToAction(cta, workDir.resolve("cta.png"), closeStart, timeline.totalS()));
            }

            Path partial = workDir.resolve("ad.mp4");
            List<String> args = AssemblyCommand.build(cut.scenes(), timeline, frame, overlays, endCard, cut.music(), partial);
            long started = System.nanoTime();
            BundledFfmpeg.ffmpeg(args, workDir, timeout(timeline.totalS()), "assembling the ad");
            ProbedMedia probed = ProbedMedia.of(partial, workDir);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("assembled {} scenes into {} ({}x{}, {} s) in {} ms", timeline.scenes(), target, frame.width(),
                    frame.height(), AssemblyCommand.num(probed.durationS()), (System.nanoTime() - started) / 1_000_000);
            return new AssembledAd(target, probed.durationS(), frame.width(), frame.height());
        } catch (IOException e) {
            throw new AssemblyException("cannot write the ad to " + target + ": " + e.getMessage(), e);
        } finally {
            deleteTree(workDir);
        }
    }

    private static void checkInputs(AdCut cut) {
        for (int k = 0; k < cut.scenes().size(); k++) {
            Path clip = cut.scenes().get(k).clip();
            if (!Files.isRegularFile(clip)) {
                throw new AssemblyException("scene " + (k + 1) + "'s clip does not exist: " + clip);
            }
        }
        if (cut.music() != null && !Files.isRegularFile(cut.music())) {
            throw new AssemblyException("the music file does not exist: " + cut.music());
        }
    }

    /** A logo that cannot be decoded leaves the end card without it rather than failing a finished production. */
    private static BufferedImage logo(AdLook look) {
        if (look.logo() == null || look.logo().length == 0) {
            return null;
        }
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(look.logo()));
            if (image == null) {
                log.warn("the logo ({} bytes) is neither PNG nor JPEG; the end card goes without it", look.logo().length);
            }
            return image;
        } catch (IOException e) {
            log.warn("the logo cannot be decoded ({}); the end card goes without it", e.getMessage());
            return null;
        }
    }

    private Duration timeout(double adSeconds) {
        return baseTimeout.plus(timeoutPerAdSecond.multipliedBy((long) Math.ceil(adSeconds)));
    }

    static Path workDirNextTo(Path target) {
        try {
            Path parent = target.getParent();
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, ".assembly-");
        } catch (IOException e) {
            throw new AssemblyException("cannot make a work folder next to " + target + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(BundledFfmpeg::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not clean up {}: {}", dir, e.getMessage());
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
