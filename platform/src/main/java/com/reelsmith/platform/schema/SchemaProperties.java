package com.reelsmith.platform.schema;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Whether this service migrates the schema at start-up or only checks it, and how long it waits. */
@ConfigurationProperties("reelsmith.schema")
public record SchemaProperties(boolean migrate, Duration waitFor) {

    public SchemaProperties {
        waitFor = waitFor == null ? Duration.ofSeconds(60) : waitFor;
    }
}
