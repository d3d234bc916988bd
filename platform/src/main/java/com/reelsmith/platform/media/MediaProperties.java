package com.reelsmith.platform.media;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("reelsmith.media")
public record MediaProperties(Path dir) {

    public MediaProperties {
        dir = dir == null ? Path.of("./data/media") : dir;
    }
}
