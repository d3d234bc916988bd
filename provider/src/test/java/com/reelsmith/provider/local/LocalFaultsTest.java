package com.reelsmith.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.ReferenceImage;
import com.reelsmith.provider.VideoRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFaultsTest {

    final LocalSettings small = new LocalSettings(64, 32, 2, Duration.ZERO);
    final byte[] start = new LocalImageGenerator(small)
            .generateImage(LocalImageGeneratorTest.request("a red sneaker", "16:9", "png", 5)).bytes();

    @TempDir
    Path dir;

    @Test
    void aPromptHoldingAListedMarkerIsRefusedForGoodWhileTheFileExists() throws Exception {
        Path file = dir.resolve("faults.txt");
        var generator = new LocalVideoGenerator(small, LocalFaults.from(file.toString()));
        Files.writeString(file, "\nrunner leaps\n");

        assertThatThrownBy(() -> generator.generateVideo(request("slow push in as the runner leaps off the curb")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo("content_refused");
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(generator.generateVideo(request("orbit around the sneaker")).bytes()).isNotEmpty();

        Files.delete(file);
        assertThat(generator.generateVideo(request("slow push in as the runner leaps off the curb")).bytes())
                .as("the fault ends with its file").isNotEmpty();
    }

    @Test
    void aHeldPromptWaitsUntilItsHoldLineIsGone() throws Exception {
        Path file = dir.resolve("faults.txt");
        var generator = new LocalVideoGenerator(small, LocalFaults.from(file.toString()));
        Files.writeString(file, "hold runner leaps\n");
        var made = java.util.concurrent.CompletableFuture.supplyAsync(() -> generator.generateVideo(request("the runner leaps")));
        Thread.sleep(1000);
        assertThat(made).as("held").isNotDone();

        Files.writeString(file, "runner leaps\n");
        assertThatThrownBy(made::join).hasCauseInstanceOf(ProviderException.class);
    }

    @Test
    void withoutAFileNothingIsRefused() {
        var generator = new LocalVideoGenerator(small, LocalFaults.from(""));
        assertThat(generator.generateVideo(request("anything at all")).bytes()).isNotEmpty();
    }

    private VideoRequest request(String prompt) {
        return new VideoRequest(UUID.randomUUID(), prompt, new ReferenceImage(start, "image/png"), 1, "standard", "16:9",
                null);
    }
}
