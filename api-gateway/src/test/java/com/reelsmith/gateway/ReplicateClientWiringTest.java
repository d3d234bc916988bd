package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.provider.replicate.ReplicateClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** One Replicate client (and one settings binding) per gateway process, injected where needed, never built on the spot. */
class ReplicateClientWiringTest extends GatewayIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void theGatewayHasExactlyOneReplicateClientBean() {
        assertThat(context.getBeansOfType(ReplicateClient.class)).hasSize(1);
    }

    @Test
    void onlyTheReplicateConfigurationConstructsAClient() throws IOException {
        Path root = Path.of(System.getProperty("reelsmith.gateway.sources", "src/main/java"));
        try (Stream<Path> files = Files.walk(root)) {
            var builders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f).contains("new ReplicateClient(");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(f -> root.relativize(f).toString()).toList();
            assertThat(builders).containsExactly("com/reelsmith/gateway/replicate/ReplicateConfiguration.java");
        }
    }
}
