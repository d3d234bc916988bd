package com.reelsmith.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reelsmith.provider.ProviderException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutputDownloaderTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
    static final byte[] MP4 = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'};

    final ReplicateStub files = start();
    final OutputDownloader downloader = new OutputDownloader(HttpClient.newHttpClient(), 1024, Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        files.close();
    }

    @Test
    void theTypeComesFromTheBytesAndNoCredentialIsSent() {
        files.then(new ReplicateStub.Answer(200, Map.of("Content-Type", "application/octet-stream"), PNG))
                .then(new ReplicateStub.Answer(200, Map.of("Content-Type", "image/png"), MP4));

        var png = downloader.download(files.url() + "/out/a.png");
        var mp4 = downloader.download(files.url() + "/out/b.png");

        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(png.bytes()).isEqualTo(PNG);
        assertThat(mp4.contentType()).as("whatever the name and header say").isEqualTo("video/mp4");
        assertThat(files.received.get(0).header("Authorization")).isNull();
    }

    @Test
    void anExpiredOutputIsAClearFinalFailure() {
        files.then(ReplicateStub.Answer.json(404, "{}"));

        assertThatThrownBy(() -> downloader.download(files.url() + "/gone.png"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo("output_expired");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void tooLargeAndUnrecognisedOutputsAreRefused() {
        files.then(new ReplicateStub.Answer(200, Map.of(), new byte[4096]))
                .then(new ReplicateStub.Answer(200, Map.of(), "<html>not media</html>".getBytes()));

        assertThatThrownBy(() -> downloader.download(files.url() + "/big"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("output_too_large"));
        assertThatThrownBy(() -> downloader.download(files.url() + "/html"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("output_unrecognised"));
    }

    @Test
    void aServerErrorIsRetryable() {
        files.then(ReplicateStub.Answer.json(502, "{}"));

        assertThatThrownBy(() -> downloader.download(files.url() + "/flaky"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue());
    }

    private static ReplicateStub start() {
        try {
            return new ReplicateStub();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
