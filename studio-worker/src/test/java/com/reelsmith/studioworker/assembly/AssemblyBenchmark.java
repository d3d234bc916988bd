package com.reelsmith.studioworker.assembly;

import com.reelsmith.studioworker.music.AudioDirection;
import com.reelsmith.studioworker.music.LocalMusicBed;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The assembly benchmark (not a test): a 6-scene, 30 s, 1080p 16:9 ad from the local provider's
 * clips, with texts, a logo end card and a synthesised music bed, then its webm 720p and mov 480p
 * exports. Prints wall time and CPU seconds per second of finished ad, CPU counting both the JVM
 * and the ffmpeg child (reaped children's time from /proc/self/stat).
 *
 * <p>Run with {@code bench/assembly [runs]} from the repository root.
 */
public final class AssemblyBenchmark {

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux x86-64

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Path dir = Files.createTempDirectory("reelsmith-assembly-bench-");
        try {
            List<AdScene> scenes = new ArrayList<>();
            String[] texts = {"Meet the Aero 2", "Lighter than air", null, "Grip on wet streets", "Made for city miles",
                    "Now in five colors"};
            for (int k = 0; k < 6; k++) {
                Path clip = TestClips.clip(dir, "sneaker scene " + k, "16:9", 5);
                scenes.add(new AdScene(clip, 5.0, texts[k]));
            }
            System.out.printf(Locale.ROOT, "machine: %d cores, %s; JVM %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.arch"), System.getProperty("java.version"));
            for (int run = 1; run <= runs; run++) {
                Measure music = Measure.start();
                Path bed = new LocalMusicBed().compose(AudioDirection.from("upbeat electronic, 120 bpm", null), 30, dir);
                music.print("music bed (LocalMusicBed, 30 s)", 30);

                AdCut cut = new AdCut(scenes, "16:9", new AdLook("#E0218A", "#FFFFFF", null, TestClips.logo()),
                        "Shop the drop", bed, 0.3);
                Measure assembly = Measure.start();
                AssembledAd ad = new AdAssembler().assemble(cut, dir.resolve("ad-" + run + ".mp4"));
                assembly.print(String.format(Locale.ROOT, "assembly 1920x1080, 6 scenes (%.2f s)", ad.durationS()),
                        ad.durationS());

                Measure webm = Measure.start();
                new AdExporter().export(ad.file(), ExportFormat.WEBM, 720, null, dir.resolve("ad-" + run + ".webm"));
                webm.print("export webm 720p (VP9 + Opus)", ad.durationS());
                Measure mov = Measure.start();
                new AdExporter().export(ad.file(), ExportFormat.MOV, 480, null, dir.resolve("ad-" + run + ".mov"));
                mov.print("export mov 480p (H.264 + AAC)", ad.durationS());
            }
        } finally {
            AdAssembler.deleteTree(dir);
        }
    }

    /** Wall and CPU time from a starting point: the JVM's own CPU plus its reaped children's. */
    private record Measure(long wallNanos, long jvmCpuNanos, long childCpuNanos) {

        static Measure start() throws Exception {
            return new Measure(System.nanoTime(), jvmCpu(), childrenCpu());
        }

        void print(String what, double adSeconds) throws Exception {
            double wall = (System.nanoTime() - wallNanos) / 1e9;
            double jvm = (jvmCpu() - jvmCpuNanos) / 1e9;
            double child = (childrenCpu() - childCpuNanos) / 1e9;
            System.out.printf(Locale.ROOT,
                    "%-45s wall %6.1f s | CPU %6.1f s (ffmpeg %5.1f + JVM %4.1f) = %.2f CPU-s per ad second%n", what,
                    wall, jvm + child, child, jvm, (jvm + child) / adSeconds);
        }

        private static long jvmCpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /** cutime + cstime (fields 16 and 17 of /proc/self/stat): CPU of children waited for. */
        private static long childrenCpu() throws Exception {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state), so field n is fields[n - 3]
            long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            return ticks * 1_000_000_000L / TICKS_PER_SECOND;
        }
    }
}
