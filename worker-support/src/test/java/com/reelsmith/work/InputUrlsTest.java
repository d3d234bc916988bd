package com.reelsmith.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reelsmith.model.MediaRef;
import com.reelsmith.platform.media.MediaLinkSigner;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.ReferenceImage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The three ways a provider gets an input image, in order, and the refusal when none works. */
class InputUrlsTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    final MediaLinkSigner signer = new MediaLinkSigner("a signing key".getBytes());
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final UUID imageId = UUID.randomUUID();
    final MediaRef image = new MediaRef(MediaRef.IMAGE, imageId);
    final byte[] small = new byte[1_000];
    final byte[] large = new byte[300_000];

    @Test
    void aFreshProviderUrlComesFirst() {
        var urls = new InputUrls(signer, "https://reelsmith.example", Duration.ofHours(1), clock);

        String url = urls.urlFor(new LoadedMedia(image, new ReferenceImage(large, "image/png"),
                "https://replicate.delivery/abc/out.png"), "the start image");

        assertThat(url).isEqualTo("https://replicate.delivery/abc/out.png");
    }

    @Test
    void withoutOneAGeneratedImageGetsASignedExpiringLinkUnderThePublicUrl() {
        var urls = new InputUrls(signer, "https://reelsmith.example/", Duration.ofHours(1), clock);

        String url = urls.urlFor(new LoadedMedia(image, new ReferenceImage(large, "image/png"), null), "the start image");

        long expires = NOW.plus(Duration.ofHours(1)).getEpochSecond();
        assertThat(url).isEqualTo("https://reelsmith.example/api/images/" + imageId + "/data?expires=" + expires
                + "&signature=" + signer.signature("images", imageId, expires));
    }

    @Test
    void otherwiseSmallBytesTravelAsADataUrl() {
        var urls = new InputUrls(signer, null, Duration.ofHours(1), clock);

        String url = urls.urlFor(new LoadedMedia(new MediaRef(MediaRef.ASSET, UUID.randomUUID()),
                new ReferenceImage(small, "image/jpeg"), null), "the reference image");

        assertThat(url).startsWith("data:image/jpeg;base64,").hasSize("data:image/jpeg;base64,".length() + 1336);
    }

    @Test
    void largeBytesWithNoWayToReachThemAreAClearFinalError() {
        var urls = new InputUrls(signer, null, Duration.ofHours(1), clock);

        assertThatThrownBy(() -> urls.urlFor(new LoadedMedia(image, new ReferenceImage(large, "image/png"), null),
                "the start image"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("PUBLIC_BASE_URL");
                });
    }
}
