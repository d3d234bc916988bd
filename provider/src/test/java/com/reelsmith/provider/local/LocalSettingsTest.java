package com.reelsmith.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalSettingsTest {

    @Test
    void theDefaultsAreAMegapixelImageAndA640pVideoAt24FpsWithNoDelay() {
        assertThat(LocalSettings.defaults()).isEqualTo(new LocalSettings(1024, 640, 24, Duration.ZERO));
    }

    @Test
    void noLatencyMeansNone() {
        assertThat(new LocalSettings(64, 64, 8, null).simulatedLatency()).isEqualTo(Duration.ZERO);
    }

    @Test
    void impossibleSettingsFailAtStartup() {
        assertThatThrownBy(() -> new LocalSettings(64, 64, 0, Duration.ZERO)).hasMessageContaining("fps");
        assertThatThrownBy(() -> new LocalSettings(0, 64, 8, Duration.ZERO)).hasMessageContaining("long side");
        assertThatThrownBy(() -> new LocalSettings(64, 64, 8, Duration.ofSeconds(-1))).hasMessageContaining("negative");
    }
}
