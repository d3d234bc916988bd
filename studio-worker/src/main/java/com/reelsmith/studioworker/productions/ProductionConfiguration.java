package com.reelsmith.studioworker.productions;

import com.reelsmith.studioworker.assembly.AdAssembler;
import com.reelsmith.studioworker.assembly.AdExporter;
import com.reelsmith.studioworker.music.LocalMusicBed;
import com.reelsmith.studioworker.music.MusicBed;
import com.reelsmith.provider.replicate.ReplicateClient;
import com.reelsmith.provider.replicate.ReplicateSettings;
import com.reelsmith.work.WorkerReplicateProperties;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The media library as beans, and the music bed the configuration names. */
@Configuration
@EnableConfigurationProperties(ProductionProperties.class)
class ProductionConfiguration {

    @Bean
    AdAssembler adAssembler() {
        return new AdAssembler();
    }

    @Bean
    AdExporter adExporter() {
        return new AdExporter();
    }

    @Bean
    MusicBed musicBed(ProductionProperties properties, WorkerReplicateProperties replicate) {
        return switch (properties.music()) {
            case "local" -> new LocalMusicBed();
            case "replicate" -> {
                if (!replicate.hasToken()) {
                    throw new IllegalStateException("MUSIC=replicate (or PROVIDER=replicate) needs REPLICATE_API_TOKEN");
                }
                var settings = new ReplicateSettings(replicate.baseUrl(), replicate.apiToken(), Duration.ofSeconds(30), 0);
                var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                yield new ReplicateMusicBed(new ReplicateClient(settings, http), http, properties.musicModel(),
                        replicate.pollInterval());
            }
            default -> throw new IllegalArgumentException("reelsmith.production.music must be local or replicate, not "
                    + properties.music());
        };
    }
}
