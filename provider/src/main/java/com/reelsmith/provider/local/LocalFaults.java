package com.reelsmith.provider.local;

import com.reelsmith.provider.ProviderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test fault hook for the offline video model, off unless LOCAL_PROVIDER_FAULTS_FILE names a file.
 * While that file exists, a generation whose prompt contains one of its non-blank lines fails for
 * good (not retried), as a real model refusing a prompt would. The file is read at every call, so a
 * test running the workers as separate processes turns a fault on and off without restarting them.
 */
public final class LocalFaults {

    private static final LocalFaults NONE = new LocalFaults(null);

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
        if (file == null || prompt == null || !Files.isRegularFile(file)) {
            return;
        }
        try {
            for (String marker : Files.readAllLines(file)) {
                if (!marker.isBlank() && prompt.contains(marker.trim())) {
                    throw new ProviderException("content_refused",
                            "the local provider refuses this prompt (test fault listed in " + file + ")", false);
                }
            }
        } catch (IOException e) {
            // a fault file being rewritten: no fault rather than a flaky one
        }
    }
}
