package com.reelsmith.studioworker.productions;

import com.reelsmith.studioworker.assembly.AdAssembler;
import com.reelsmith.studioworker.assembly.AdExporter;
import com.reelsmith.studioworker.music.LocalMusicBed;
import com.reelsmith.studioworker.music.MusicBed;
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
    MusicBed musicBed(ProductionProperties properties) {
        return switch (properties.music()) {
            case "local" -> new LocalMusicBed();
            default -> throw new IllegalArgumentException("reelsmith.production.music must be local or replicate, not "
                    + properties.music());
        };
    }
}
