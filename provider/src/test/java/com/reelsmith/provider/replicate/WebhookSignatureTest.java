package com.reelsmith.provider.replicate;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("a webhook signing key!".getBytes());
    static final byte[] BODY = "{\"id\": \"p1\", \"status\": \"succeeded\"}".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final String TS = String.valueOf(NOW.getEpochSecond());

    @Test
    void aDeliverySignedWithTheSecretIsAccepted() {
        String signature = WebhookSignature.sign("msg_1", TS, BODY, SECRET);

        assertThatCode(() -> WebhookSignature.verify("msg_1", TS, signature, BODY, SECRET, NOW)).doesNotThrowAnyException();
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnough() {
        String header = "v1,bm90IHRoaXMgb25l " + WebhookSignature.sign("msg_1", TS, BODY, SECRET) + " v2,whatever";

        assertThatCode(() -> WebhookSignature.verify("msg_1", TS, header, BODY, SECRET, NOW)).doesNotThrowAnyException();
    }

    @Test
    void aForgedOrTamperedDeliveryIsRejected() {
        String forged = WebhookSignature.sign("msg_1", TS, BODY,
                "whsec_" + Base64.getEncoder().encodeToString("another key".getBytes()));
        String good = WebhookSignature.sign("msg_1", TS, BODY, SECRET);
        byte[] tampered = "{\"id\": \"p1\", \"status\": \"failed\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> WebhookSignature.verify("msg_1", TS, forged, BODY, SECRET, NOW))
                .isInstanceOf(WebhookSignature.Rejected.class);
        assertThatThrownBy(() -> WebhookSignature.verify("msg_1", TS, good, tampered, SECRET, NOW))
                .isInstanceOf(WebhookSignature.Rejected.class);
        assertThatThrownBy(() -> WebhookSignature.verify("msg_2", TS, good, BODY, SECRET, NOW))
                .as("the id is signed too").isInstanceOf(WebhookSignature.Rejected.class);
    }

    @Test
    void aStaleOrFutureTimestampIsRejectedEvenWithAValidSignature() {
        String old = String.valueOf(NOW.minusSeconds(6 * 60).getEpochSecond());
        String future = String.valueOf(NOW.plusSeconds(6 * 60).getEpochSecond());

        assertThatThrownBy(() -> WebhookSignature.verify("m", old, WebhookSignature.sign("m", old, BODY, SECRET), BODY, SECRET, NOW))
                .isInstanceOf(WebhookSignature.Rejected.class).hasMessageContaining("minutes");
        assertThatThrownBy(() -> WebhookSignature.verify("m", future, WebhookSignature.sign("m", future, BODY, SECRET), BODY, SECRET, NOW))
                .isInstanceOf(WebhookSignature.Rejected.class);
    }

    @Test
    void missingHeadersOrAMalformedSecretAreRejectedNotCrashes() {
        assertThatThrownBy(() -> WebhookSignature.verify(null, TS, "v1,x", BODY, SECRET, NOW))
                .isInstanceOf(WebhookSignature.Rejected.class);
        assertThatThrownBy(() -> WebhookSignature.verify("m", TS, "v1,x", BODY, "not-a-secret", NOW))
                .isInstanceOf(WebhookSignature.Rejected.class);
        assertThatThrownBy(() -> WebhookSignature.verify("m", "yesterday", "v1,x", BODY, SECRET, NOW))
                .isInstanceOf(WebhookSignature.Rejected.class);
    }
}
