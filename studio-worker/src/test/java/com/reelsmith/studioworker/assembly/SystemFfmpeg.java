package com.reelsmith.studioworker.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's own ffprobe and ffmpeg (Debian's, another build than the bundled one): an
 * independent decoder to check what assembly wrote. Tests that need them are skipped, with a
 * message, where they are not installed (`.ci/run` installs them).
 */
final class SystemFfmpeg {

    private SystemFfmpeg() {
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(onPath("ffprobe").isPresent() && onPath("ffmpeg").isPresent(),
                "ffprobe/ffmpeg are not on the PATH: the independent checks of the output are skipped");
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Stream and format fields, keyed "video.codec_name", "audio.codec_name", "format.duration" and so on. */
    static Map<String, String> probe(Path file) throws Exception {
        String out = run(List.of("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_type,codec_name,width,height,sample_rate,channels:format=duration,format_name",
                "-of", "flat", file.toString()));
        Map<String, String> fields = new HashMap<>();
        Map<String, String> typeOfStream = new HashMap<>();
        Pattern line = Pattern.compile("(streams\\.stream\\.(\\d+)|format)\\.(\\w+)=\"?([^\"]*)\"?");
        List<String[]> pending = new ArrayList<>();
        for (String l : out.split("\\R")) {
            Matcher m = line.matcher(l.strip());
            if (!m.matches()) {
                continue;
            }
            if (m.group(2) == null) {
                fields.put("format." + m.group(3), m.group(4));
            } else if (m.group(3).equals("codec_type")) {
                typeOfStream.put(m.group(2), m.group(4));
            } else {
                pending.add(new String[] {m.group(2), m.group(3), m.group(4)});
            }
        }
        for (String[] p : pending) {
            fields.putIfAbsent(typeOfStream.get(p[0]) + "." + p[1], p[2]);
        }
        return fields;
    }

    /** Mean volume in dB as ffmpeg's volumedetect measures it over the whole file. */
    static double meanVolumeDb(Path file) throws Exception {
        String out = run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-i", file.toString(), "-map", "0:a:0",
                "-af", "volumedetect", "-f", "null", "-"));
        Matcher m = Pattern.compile("mean_volume: (-?[0-9.]+|-inf) dB").matcher(out);
        assertThat(m.find()).as("volumedetect output: %s", out).isTrue();
        return m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
    }

    /** The frame shown at {@code seconds}, decoded by the system ffmpeg. */
    static BufferedImage frameAt(Path file, double seconds, Path png) throws Exception {
        run(List.of("ffmpeg", "-v", "error", "-nostdin", "-y", "-ss", String.valueOf(seconds), "-i", file.toString(),
                "-frames:v", "1", png.toString()));
        return ImageIO.read(png.toFile());
    }

    /** Decodes every packet; answers ffmpeg's error output (empty when clean). */
    static String decodeErrors(Path file) throws Exception {
        return run(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", file.toString(), "-f", "null", "-")).strip();
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s exited with: %s", command, text).isZero();
        return text;
    }
}
