package com.reelsmith.work;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * name: which provider generates (PROVIDER: local or replicate). The local provider's picture
 * sizes, frame rate and a simulated latency (to rehearse slow providers) are tunable.
 */
@ConfigurationProperties("reelsmith.provider")
public record ProviderProperties(String name, Integer localImageLongSide, Integer localVideoLongSide, Integer localFps,
                                 Duration localLatency) {

    public ProviderProperties {
        name = name == null || name.isBlank() ? "local" : name;
    }
}
