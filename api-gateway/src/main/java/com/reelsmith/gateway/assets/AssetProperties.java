package com.reelsmith.gateway.assets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** maxBytes: the largest upload accepted (ASSET_MAX_BYTES, default 10MB). */
@ConfigurationProperties("reelsmith.assets")
public record AssetProperties(DataSize maxBytes) {

    public AssetProperties {
        maxBytes = maxBytes == null ? DataSize.ofMegabytes(10) : maxBytes;
    }
}
