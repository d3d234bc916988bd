package com.reelsmith.studioworker.assembly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-encodes a finished ad for a platform: MP4 or MOV (H.264 + AAC) or WebM (VP9 + Opus), at a
 * short side of 480, 720 or 1080, in the ad's own aspect ratio or another one. Another ratio is a
 * centre crop of the cover-scaled frame: nothing is stretched and there are no bars.
 */
public final class AdExporter {

    private static final Logger log = LoggerFactory.getLogger(AdExporter.class);
    static final Set<Integer> RESOLUTIONS = Set.of(480, 720, 1080);

    private final Duration baseTimeout;
    private final Duration timeoutPerAdSecond;

    /** VP9 is the slow one (about 0.6 s of CPU per second of 720p ad here at realtime speed 8); generous for a shared machine. */
    public AdExporter() {
        this(Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    public AdExporter(Duration baseTimeout, Duration timeoutPerAdSecond) {
        this.baseTimeout = baseTimeout;
        this.timeoutPerAdSecond = timeoutPerAdSecond;
    }

    public ExportedFile export(Path ad, ExportFormat format, int resolution, String aspectRatio, Path output) {
        if (format == null) {
            throw new AssemblyException("an export needs a format: one of mp4, mov, webm");
        }
        if (!RESOLUTIONS.contains(resolution)) {
            throw new AssemblyException("resolution must be one of 480, 720, 1080 (the short side), not " + resolution);
        }
        if (ad == null || !Files.isRegularFile(ad)) {
            throw new AssemblyException("the ad to export does not exist: " + ad);
        }
        Path target = output.toAbsolutePath();
        Path workDir = AdAssembler.workDirNextTo(target);
        try {
            ProbedMedia source = ProbedMedia.of(ad, workDir);
            if (source.width() <= 0 || source.height() <= 0) {
                throw new AssemblyException(ad.getFileName() + " has no video stream to export");
            }
            FrameSize frame = size(source, resolution, aspectRatio);
            Path partial = workDir.resolve("export." + format.muxer());
            List<String> args = new ArrayList<>(List.of("-i", ad.toAbsolutePath().toString(), "-map", "0:v:0",
                    "-map", "0:a:0?", "-vf", String.format(
                            "scale=%d:%d:force_original_aspect_ratio=increase:flags=bicubic,crop=%d:%d,setsar=1,format=yuv420p",
                            frame.width(), frame.height(), frame.width(), frame.height())));
            args.addAll(codecs(format, frame));
            args.addAll(List.of("-f", format.muxer(), partial.toString()));
            long started = System.nanoTime();
            BundledFfmpeg.ffmpeg(args, workDir, timeout(source.durationS()),
                    "exporting " + ad.getFileName() + " as " + format.muxer() + " " + resolution + "p");
            ProbedMedia made = ProbedMedia.of(partial, workDir);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("exported {} as {} {}x{} in {} ms", ad.getFileName(), format.muxer(), frame.width(), frame.height(),
                    (System.nanoTime() - started) / 1_000_000);
            return new ExportedFile(target, format.contentType(), made.durationS(), frame.width(), frame.height());
        } catch (IOException e) {
            throw new AssemblyException("cannot write the export to " + target + ": " + e.getMessage(), e);
        } finally {
            AdAssembler.deleteTree(workDir);
        }
    }

    static FrameSize size(ProbedMedia source, int resolution, String aspectRatio) {
        if (aspectRatio == null || aspectRatio.isBlank()) {
            return FrameSize.ofRatio(source.width(), source.height(), resolution);
        }
        try {
            return FrameSize.of(aspectRatio, resolution);
        } catch (IllegalArgumentException e) {
            throw new AssemblyException(e.getMessage(), e);
        }
    }

    private static List<String> codecs(ExportFormat format, FrameSize frame) {
        long bitrate = AssemblyCommand.bitrate(frame);
        return switch (format) {
            case MP4, MOV -> List.of("-c:v", "libopenh264", "-b:v", String.valueOf(bitrate), "-g", "48",
                    "-c:a", "aac", "-b:a", "160k", "-ar", "48000", "-ac", "2", "-movflags", "+faststart");
            // measured here on 5 s of 720p: deadline good/cpu-used 4 took 16 s of CPU, realtime/cpu-used 8
            // 2.9 s; the fast preset spends a few more bits (two thirds of H.264's rate) for that
            case WEBM -> List.of("-c:v", "libvpx-vp9", "-b:v", String.valueOf(bitrate * 2 / 3), "-deadline", "realtime",
                    "-cpu-used", "8", "-row-mt", "1", "-tile-columns", "2", "-g", "48",
                    "-c:a", "libopus", "-b:a", "128k", "-ar", "48000", "-ac", "2");
        };
    }

    private Duration timeout(double adSeconds) {
        return baseTimeout.plus(timeoutPerAdSecond.multipliedBy((long) Math.ceil(adSeconds)));
    }
}
