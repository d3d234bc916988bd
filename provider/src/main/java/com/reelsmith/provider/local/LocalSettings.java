package com.reelsmith.provider.local;

import java.time.Duration;

/** Sizes and pace of the offline provider; simulatedLatency rehearses a slow real provider. */
public record LocalSettings(int imageLongSide, int videoLongSide, int fps, Duration simulatedLatency) {

    public static LocalSettings defaults() {
        return new LocalSettings(1024, 640, 24, Duration.ZERO);
    }

    void pause() {
        if (simulatedLatency != null && !simulatedLatency.isZero()) {
            try {
                Thread.sleep(simulatedLatency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
