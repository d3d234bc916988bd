package com.reelsmith.studioworker.assembly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the bundled ffprobe says about a file: its duration, first video stream's size, whether it has audio. */
record ProbedMedia(double durationS, int width, int height, boolean hasAudio) {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static ProbedMedia of(Path file, Path workDir) {
        if (!Files.isRegularFile(file)) {
            throw new AssemblyException("no such media file: " + file);
        }
        String out = BundledFfmpeg.ffprobe(List.of("-show_entries", "stream=codec_type,width,height:format=duration",
                "-of", "default=nw=1", file.toAbsolutePath().toString()), workDir, TIMEOUT, "probing " + file.getFileName());
        double duration = -1;
        int width = 0;
        int height = 0;
        boolean audio = false;
        for (String line : out.split("\\R")) {
            String[] kv = line.split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            switch (kv[0]) {
                case "codec_type" -> audio |= kv[1].equals("audio");
                case "width" -> width = width == 0 ? parseInt(kv[1]) : width;
                case "height" -> height = height == 0 ? parseInt(kv[1]) : height;
                case "duration" -> duration = parseDouble(kv[1], duration);
                default -> { }
            }
        }
        if (duration < 0) {
            throw new AssemblyException(file.getFileName() + " has no duration ffprobe can read: " + out.strip());
        }
        return new ProbedMedia(duration, width, height, audio);
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double parseDouble(String value, double otherwise) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
