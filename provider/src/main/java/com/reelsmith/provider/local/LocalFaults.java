package com.reelsmith.provider.local;

import com.reelsmith.provider.ProviderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test fault hook for the offline video model, off unless LOCAL_PROVIDER_FAULTS_FILE names a file.
 * While that file exists, a generation whose prompt contains one of its non-blank lines fails for
 * good (not retried), as a real model refusing a prompt would. A line {@code hold <marker>} holds such
 * a generation instead, until the line is gone (then the other lines decide), so a test can have
 * the other scenes finish first. The file is read at every call, so a test running the workers as
 * separate processes turns a fault on and off without restarting them.
 */
public final class LocalFaults {

    private static final LocalFaults NONE = new LocalFaults(null);
    private static final String HOLD = "hold ";

    private final Path file;

    private LocalFaults(Path file) {
        this.file = file;
    }

    public static LocalFaults none() {
        return NONE;
    }

    /** Faults listed in {@code file}; none when it is null or blank. */
    public static LocalFaults from(String file) {
        return file == null || file.isBlank() ? NONE : new LocalFaults(Path.of(file.trim()));
    }

    void check(String prompt) {
        while (held(prompt)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException("provider_failed", "interrupted while held by a test fault", true);
            }
        }
        for (String marker : lines()) {
            if (!marker.startsWith(HOLD) && prompt != null && prompt.contains(marker)) {
                throw new ProviderException("content_refused",
                        "the local provider refuses this prompt (test fault listed in " + file + ")", false);
            }
        }
    }

    private boolean held(String prompt) {
        return prompt != null && lines().stream().anyMatch(line -> line.startsWith(HOLD)
                && prompt.contains(line.substring(HOLD.length()).trim()));
    }

    private List<String> lines() {
        if (file == null || !Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream().map(String::trim).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            return List.of(); // a fault file being rewritten: no fault rather than a flaky one
        }
    }
}
