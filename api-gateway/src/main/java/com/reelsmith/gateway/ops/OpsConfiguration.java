package com.reelsmith.gateway.ops;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The gateway refreshes its ops gauges on a schedule ({@link OpsMetrics}). */
@Configuration
@EnableScheduling
class OpsConfiguration {
}
