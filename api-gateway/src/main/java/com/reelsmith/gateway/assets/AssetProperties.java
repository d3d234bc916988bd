package com.reelsmith.gateway.assets;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * maxBytes: the largest upload or import accepted, of any kind (ASSET_MAX_BYTES, default 10MB);
 * importTimeout: connect and read timeout of an import from a URL (default 30 s).
 */
@ConfigurationProperties("reelsmith.assets")
public record AssetProperties(DataSize maxBytes, Duration importTimeout) {

    public AssetProperties {
        maxBytes = maxBytes == null ? DataSize.ofMegabytes(10) : maxBytes;
        importTimeout = importTimeout == null ? Duration.ofSeconds(30) : importTimeout;
    }
}
