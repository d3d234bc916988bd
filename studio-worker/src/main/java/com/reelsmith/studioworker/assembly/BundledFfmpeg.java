package com.reelsmith.studioworker.assembly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.ffmpeg.ffprobe;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ffmpeg} and {@code ffprobe} programs that {@code org.bytedeco:ffmpeg}'s linux-x86_64
 * jar carries, extracted once by JavaCPP into its cache (~/.javacpp/cache), run as child processes.
 *
 * <p>Why programs and not the libavfilter API: a filter graph described as text is what FFmpeg's
 * own docs and every operator know, a crash in native code takes down a child and not the worker,
 * and a stuck encode is ended by killing a process. The JVM still needs nothing installed.
 */
final class BundledFfmpeg {

    private static final Logger log = LoggerFactory.getLogger(BundledFfmpeg.class);
    /** What is kept of a failed run's stderr in the exception: FFmpeg names the cause in its last lines. */
    private static final int STDERR_TAIL = 3000;
    private static final String CACHE_DIR = "org.bytedeco.javacpp.cachedir";

    private BundledFfmpeg() {
    }

    /**
     * JavaCPP extracts and caches per JVM; the holder makes the first caller pay and logs the path
     * once. A program that does not load is remembered as such (not as a failed class
     * initialisation, which would answer every later caller with a bare NoClassDefFoundError), so
     * each assembly fails with the same AssemblyException naming the cause.
     */
    private static final class Programs {
        static final Loaded FFMPEG = load(ffmpeg.class, "ffmpeg");
        static final Loaded FFPROBE = load(ffprobe.class, "ffprobe");

        private static Loaded load(Class<?> program, String name) {
            useWritableCache();
            try {
                String path = Loader.load(program);
                log.info("bundled {} (org.bytedeco:ffmpeg, linux-x86_64): {}", name, path);
                return new Loaded(path, null);
            } catch (RuntimeException | LinkageError e) {
                // not Loader.getPlatform(): the failure may be JavaCPP's own Loader not loading
                String problem = "the bundled " + name + " cannot be loaded on " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch") + " (only linux-x86_64 natives ship): " + cause(e);
                log.error(problem, e);
                return new Loaded(null, problem);
            }
        }
    }

    private record Loaded(String path, String problem) {
        String pathOrFail() {
            if (path == null) {
                throw new AssemblyException(problem);
            }
            return path;
        }
    }

    /**
     * The dynamic linker's own words: for a library the operating system lacks, its file name and
     * the Debian packages that hold the three the linux-x86_64 build links (a desktop has them, a
     * bare server or a slim image may not).
     */
    private static String cause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        if (message.contains("cannot open shared object file")) {
            return message.replaceAll("^.*/", "") + "; the operating system lacks a library it links"
                    + " (Debian or Ubuntu: apt-get install libpulse0 libva2 libva-drm2)";
        }
        return message;
    }

    /**
     * JavaCPP extracts into ~/.javacpp/cache; a service user without a writable home (the Docker
     * image's system user has none) gets a folder under java.io.tmpdir instead. An explicit
     * {@code -Dorg.bytedeco.javacpp.cachedir} always wins.
     */
    private static void useWritableCache() {
        if (System.getProperty(CACHE_DIR) != null) {
            return;
        }
        Path home = Path.of(System.getProperty("user.home", "/nonexistent"));
        if (!Files.isDirectory(home) || !Files.isWritable(home)) {
            System.setProperty(CACHE_DIR, Path.of(System.getProperty("java.io.tmpdir"), "reelsmith-javacpp").toString());
        }
    }

    static String ffmpegPath() {
        return Programs.FFMPEG.pathOrFail();
    }

    static String ffprobePath() {
        return Programs.FFPROBE.pathOrFail();
    }

    /** Runs ffmpeg with these arguments; fails with the step named and FFmpeg's stderr tail. */
    static void ffmpeg(List<String> args, Path workDir, Duration timeout, String step) {
        List<String> command = new ArrayList<>();
        command.add(ffmpegPath());
        command.addAll(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(args);
        run(command, workDir, timeout, step);
    }

    /** Runs ffprobe and answers its stdout. */
    static String ffprobe(List<String> args, Path workDir, Duration timeout, String step) {
        List<String> command = new ArrayList<>();
        command.add(ffprobePath());
        command.addAll(List.of("-v", "error"));
        command.addAll(args);
        return run(command, workDir, timeout, step);
    }

    private static String run(List<String> command, Path workDir, Duration timeout, String step) {
        Path stdout = null;
        Path stderr = null;
        Process process = null;
        try {
            // files, not pipes: a chatty child can never block on a full pipe we are not reading
            stdout = Files.createTempFile(workDir, "ffmpeg-", ".out");
            stderr = Files.createTempFile(workDir, "ffmpeg-", ".err");
            process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new AssemblyException(step + " did not finish within " + timeout.toSeconds() + " s; "
                        + tail(stderr));
            }
            if (process.exitValue() != 0) {
                throw new AssemblyException(step + " failed (ffmpeg exit " + process.exitValue() + "): " + tail(stderr));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            // a canceled job interrupts its thread: the encode must not outlive it
            kill(process);
            Thread.currentThread().interrupt();
            throw new AssemblyException(step + " was interrupted", e);
        } catch (IOException e) {
            throw new AssemblyException(step + " could not run " + command.get(0) + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    private static void kill(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path stderr) {
        try {
            String text = Files.readString(stderr, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                return "(ffmpeg wrote nothing on stderr)";
            }
            return text.length() <= STDERR_TAIL ? text : "…" + text.substring(text.length() - STDERR_TAIL);
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            file.toFile().deleteOnExit();
        }
    }
}
