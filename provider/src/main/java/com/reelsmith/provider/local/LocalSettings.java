package com.reelsmith.provider.local;

import java.time.Duration;

/**
 * Sizes and pace of the offline provider; simulatedLatency rehearses a slow real provider
 * (zero: answer as fast as the machine can draw and encode).
 */
public record LocalSettings(int imageLongSide, int videoLongSide, int fps, Duration simulatedLatency) {

    public LocalSettings {
        // checked here so a bad property fails at startup, not in the middle of a job
        if (imageLongSide < 16 || videoLongSide < 16) {
            throw new IllegalArgumentException("the local long sides must be at least 16 pixels, not "
                    + imageLongSide + " and " + videoLongSide);
        }
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("the local fps must be between 1 and 60, not " + fps);
        }
        simulatedLatency = simulatedLatency == null ? Duration.ZERO : simulatedLatency;
        if (simulatedLatency.isNegative()) {
            throw new IllegalArgumentException("the simulated latency cannot be negative: " + simulatedLatency);
        }
    }

    public static LocalSettings defaults() {
        return new LocalSettings(1024, 640, 24, Duration.ZERO);
    }

    void pause() {
        if (simulatedLatency.isZero()) {
            return;
        }
        try {
            Thread.sleep(simulatedLatency.toMillis());
        } catch (InterruptedException e) {
            // the media is made; keep the flag so the worker's shutdown still sees it
            Thread.currentThread().interrupt();
        }
    }
}
