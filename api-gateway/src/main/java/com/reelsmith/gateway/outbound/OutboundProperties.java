package com.reelsmith.gateway.outbound;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Reelsmith may connect on a client's behalf (webhook deliveries, asset imports).
 * allowPrivateTargets: every address allowed (tests, a closed lab network); allowedCidrs: these
 * private ranges allowed besides the public internet (e.g. {@code 127.0.0.1/32} for a local receiver).
 */
@ConfigurationProperties("reelsmith.outbound")
public record OutboundProperties(boolean allowPrivateTargets, List<String> allowedCidrs) {

    public OutboundProperties {
        allowedCidrs = allowedCidrs == null ? List.of() : List.copyOf(allowedCidrs);
    }
}
