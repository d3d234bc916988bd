package com.reelsmith.studioworker.productions;

import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.media.MediaStore;
import com.reelsmith.platform.pricing.PriceTable;
import com.reelsmith.provider.replicate.GuardedReplicate;
import com.reelsmith.provider.replicate.ReplicateClient;
import com.reelsmith.provider.replicate.ReplicateSettings;
import com.reelsmith.studioworker.assembly.AdAssembler;
import com.reelsmith.studioworker.assembly.AdExporter;
import com.reelsmith.studioworker.music.LocalMusicBed;
import com.reelsmith.work.WorkerIdentity;
import com.reelsmith.work.WorkerReplicateProperties;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
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
    ProductionMusic productionMusic(ProductionProperties properties, WorkerReplicateProperties replicate,
                                    ProductionRows rows, MediaStore store, JobTransitions jobs, WorkerIdentity worker,
                                    PriceTable prices, @Value("${reelsmith.public-base-url:}") String publicBaseUrl) {
        return switch (properties.music()) {
            case "local" -> new ProductionMusic(rows, store, jobs, worker, prices, new LocalMusicBed(), null, publicBaseUrl,
                    replicate.pollInterval());
            case "replicate" -> {
                if (!replicate.hasToken()) {
                    throw new IllegalStateException("MUSIC=replicate (or PROVIDER=replicate) needs REPLICATE_API_TOKEN");
                }
                var settings = new ReplicateSettings(replicate.baseUrl(), replicate.apiToken(), Duration.ofSeconds(30), 0);
                var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                var client = new GuardedReplicate(new ReplicateClient(settings, http), replicate.createsPerMinute(),
                        Duration.ofSeconds(30));
                yield new ProductionMusic(rows, store, jobs, worker, prices, null,
                        new ReplicateMusic(client, http, properties.musicModel()), publicBaseUrl, replicate.pollInterval());
            }
            default -> throw new IllegalArgumentException("reelsmith.production.music must be local or replicate, not "
                    + properties.music());
        };
    }
}
