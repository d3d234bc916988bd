package com.reelsmith.gateway.replicate;

import com.reelsmith.provider.replicate.ReplicateClient;
import com.reelsmith.provider.replicate.ReplicateSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Replicate client per gateway process, shared by whoever talks to Replicate (webhook secret,
 * prediction cancels). Built even without a token; callers ask {@link ReplicateProperties#hasToken()}
 * before they call, so a gateway without Replicate never makes a request.
 */
@Configuration(proxyBeanMethods = false)
class ReplicateConfiguration {

    @Bean
    ReplicateClient replicateClient(ReplicateProperties properties) {
        return new ReplicateClient(new ReplicateSettings(properties.baseUrl(), properties.apiToken(), Duration.ofSeconds(10), 0),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }
}
