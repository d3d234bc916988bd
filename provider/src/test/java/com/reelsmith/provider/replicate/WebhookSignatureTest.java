package com.reelsmith.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;
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

    /**
     * The known answer of the Standard Webhooks specification's own libraries (TestWebhookSign in
     * libraries/go/webhook_test.go, TestScenario.validSigned in libraries/java, standard-webhooks/
     * standard-webhooks at b2fa7b8): a signature made and checked by another implementation, so a
     * mistake made the same way in sign and verify cannot pass.
     */
    static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final String SPEC_TIMESTAMP = "1614265330";
    static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    static final Instant SPEC_NOW = Instant.ofEpochSecond(1614265330);

    @Test
    void signingTheSpecificationsExampleGivesItsExpectedSignature() {
        assertThat(WebhookSignature.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SECRET)).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void theSpecificationsExampleDeliveryIsAccepted() {
        assertThatCode(() -> WebhookSignature.verify(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY, SPEC_SECRET,
                SPEC_NOW)).doesNotThrowAnyException();
        assertThatCode(() -> WebhookSignature.verify(SPEC_ID, SPEC_TIMESTAMP,
                "v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg== "
                        + SPEC_SIGNATURE, SPEC_BODY, SPEC_SECRET, SPEC_NOW.plusSeconds(299)))
                .as("an asymmetric v1a entry beside it is skipped; 299 s late is within the tolerance")
                .doesNotThrowAnyException();
    }

    @Test
    void theSpecificationsExampleIsRefusedWhenAnyPartOfItChanges() {
        byte[] reserialized = "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8);
        String otherSecret = "whsec_" + Base64.getEncoder().encodeToString("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".getBytes());

        assertThatThrownBy(() -> WebhookSignature.verify(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, reserialized,
                SPEC_SECRET, SPEC_NOW)).as("the raw body is signed, not its JSON").isInstanceOf(WebhookSignature.Rejected.class);
        assertThatThrownBy(() -> WebhookSignature.verify("msg_p5jXN8AQM9LWM0D4loKWxJeK", SPEC_TIMESTAMP, SPEC_SIGNATURE,
                SPEC_BODY, SPEC_SECRET, SPEC_NOW)).as("the id").isInstanceOf(WebhookSignature.Rejected.class);
        assertThatThrownBy(() -> WebhookSignature.verify(SPEC_ID, "1614265331", SPEC_SIGNATURE, SPEC_BODY, SPEC_SECRET,
                SPEC_NOW)).as("the timestamp").isInstanceOf(WebhookSignature.Rejected.class)
                .hasMessage("no webhook-signature entry matches");
        assertThatThrownBy(() -> WebhookSignature.verify(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY, otherSecret,
                SPEC_NOW)).as("the key is the base64-decoded secret, not its text").isInstanceOf(WebhookSignature.Rejected.class);
        assertThatThrownBy(() -> WebhookSignature.verify(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE.replace("v1,", "v2,"),
                SPEC_BODY, SPEC_SECRET, SPEC_NOW)).as("only v1 entries count").isInstanceOf(WebhookSignature.Rejected.class);
        assertThatThrownBy(() -> WebhookSignature.verify(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY, SPEC_SECRET,
                SPEC_NOW.plusSeconds(301))).as("301 s late").isInstanceOf(WebhookSignature.Rejected.class)
                .hasMessageContaining("minutes");
    }

    @Test
    void exactlyFiveMinutesEitherWayIsStillOnTime() {
        assertThatCode(() -> WebhookSignature.verify(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY, SPEC_SECRET,
                SPEC_NOW.plusSeconds(300))).doesNotThrowAnyException();
        assertThatCode(() -> WebhookSignature.verify(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY, SPEC_SECRET,
                SPEC_NOW.minusSeconds(300))).doesNotThrowAnyException();
        assertThatThrownBy(() -> WebhookSignature.verify(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY, SPEC_SECRET,
                SPEC_NOW.minusSeconds(301))).isInstanceOf(WebhookSignature.Rejected.class);
    }

    @Test
    void malformedEntriesAreSkippedAndAMalformedSecretIsRefusedByName() {
        String header = "v1,***not-base64*** ,v1 v1 " + SPEC_SIGNATURE;

        assertThatCode(() -> WebhookSignature.verify(SPEC_ID, SPEC_TIMESTAMP, header, SPEC_BODY, SPEC_SECRET, SPEC_NOW))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> WebhookSignature.verify(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY,
                "whsec_***", SPEC_NOW)).isInstanceOf(WebhookSignature.Rejected.class).hasMessageContaining("not base64");
    }

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
