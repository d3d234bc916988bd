package com.reelsmith.boundaries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One writer of {@code jobs} (issue 10, design step 2): no SQL outside platform/jobs inserts,
 * updates or deletes job rows. Read from the sources, since SQL is text that no class-file rule
 * can see. test-support is left out: it is test code that sets up rows the way a test needs.
 */
class JobsTableWritersTest {

    static final Pattern WRITES_JOBS = Pattern.compile(
            "\\b(update\\s+jobs|insert\\s+into\\s+jobs|delete\\s+from\\s+jobs)\\b", Pattern.CASE_INSENSITIVE);
    static final Path ROOT = repositoryRoot();
    static final Path THE_WRITER = ROOT.resolve("platform/src/main/java/com/reelsmith/platform/jobs");

    @Test
    void onlyPlatformJobsWritesTheJobsTable() {
        List<Path> writers = mainSources().filter(JobsTableWritersTest::writesJobs).toList();

        assertThat(writers).as("files whose SQL writes jobs").isNotEmpty()
                .allSatisfy(file -> assertThat(file).as("a writer of jobs outside platform/jobs").startsWith(THE_WRITER));
    }

    @Test
    void theScanFindsTheKnownWriterSoItCannotPassByReadingNothing() {
        List<Path> writers = mainSources().filter(JobsTableWritersTest::writesJobs).toList();

        assertThat(writers).contains(THE_WRITER.resolve("JobTransitions.java"));
        assertThat(WRITES_JOBS.matcher("""
                UPDATE  jobs
                   set status = 'failed'""").find()).isTrue();
        assertThat(WRITES_JOBS.matcher("select * from jobs; update jobs_archive set x = 1").find()).isFalse();
    }

    private static Stream<Path> mainSources() {
        try (Stream<Path> modules = Files.list(ROOT)) {
            // test-support and bench/ (the load generator, which seeds a million jobs to time the
            // lists) write fixtures, not job state: they are not part of any service
            return modules.filter(m -> !Set.of("test-support", "bench").contains(m.getFileName().toString()))
                    .map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList().stream()
                    .flatMap(JobsTableWritersTest::javaFiles);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> javaFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean writesJobs(Path file) {
        try {
            return WRITES_JOBS.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Surefire runs in this module's folder; the repository is the folder above it. */
    private static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath().getParent();
        if (!Files.isDirectory(root.resolve("platform/src/main/java"))) {
            throw new IllegalStateException("not the repository root: " + root);
        }
        return root;
    }
}
