package com.reelsmith.work;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * name: which provider generates (PROVIDER: local or replicate). The local provider's picture
 * sizes, frame rate and a simulated latency (to rehearse slow providers) are tunable;
 * localFaultsFile (LOCAL_PROVIDER_FAULTS_FILE, tests only, unset by default) names a file of prompt
 * markers the local video model refuses while the file exists.
 */
@ConfigurationProperties("reelsmith.provider")
public record ProviderProperties(String name, Integer localImageLongSide, Integer localVideoLongSide, Integer localFps,
                                 Duration localLatency, String localFaultsFile) {

    public ProviderProperties {
        name = name == null || name.isBlank() ? "local" : name;
    }
}
