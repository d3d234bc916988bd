package com.reelsmith.platform.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class MediaLinkSignerTest {

    static final byte[] KEY = "a media signing key".getBytes(StandardCharsets.UTF_8);
    static final UUID ID = UUID.fromString("3f1c6a2e-8b4d-4c1e-9a7f-2d5e6b7c8d90");
    static final long EXPIRES = 1795644585L;

    /**
     * Known answers made outside this code, so a mistake shared by signing and checking cannot pass:
     * printf 'images/3f1c6a2e-8b4d-4c1e-9a7f-2d5e6b7c8d90/1795644585' | openssl dgst -sha256
     * -hmac 'a media signing key' -binary | base64 | tr '+/' '-_' | tr -d '=' (and the same for videos).
     */
    @Test
    void theSignatureIsHmacSha256OfKindIdAndExpiryInUnpaddedUrlSafeBase64() {
        var signer = new MediaLinkSigner(KEY);

        assertThat(signer.signature("images", ID, EXPIRES)).isEqualTo("Y2_V5NmuFVhlepgRxD03Arj5nIMJoNZTLRCvZujj3bs");
        assertThat(signer.signature("videos", ID, EXPIRES)).isEqualTo("BZK5_NmGpBmnykiprt7SBaiGb3OMzbq5WWc8YTSKDtY");
    }

    @Test
    void theLinkCarriesItsExpiryAndSignature() {
        assertThat(new MediaLinkSigner(KEY).path("images", ID, EXPIRES)).isEqualTo(
                "/api/images/3f1c6a2e-8b4d-4c1e-9a7f-2d5e6b7c8d90/data?expires=1795644585"
                        + "&signature=Y2_V5NmuFVhlepgRxD03Arj5nIMJoNZTLRCvZujj3bs");
    }

    @Test
    void everyPartOfTheLinkIsSigned() {
        var signer = new MediaLinkSigner(KEY);
        String signature = signer.signature("images", ID, EXPIRES);

        assertThat(signer.signature("images", ID, EXPIRES + 1)).isNotEqualTo(signature);
        assertThat(signer.signature("images", UUID.randomUUID(), EXPIRES)).isNotEqualTo(signature);
        assertThat(new MediaLinkSigner("another key".getBytes(StandardCharsets.UTF_8)).signature("images", ID, EXPIRES))
                .isNotEqualTo(signature);
    }

    @Test
    void aKeyArrayChangedAfterwardsDoesNotChangeTheSigner() {
        byte[] key = KEY.clone();
        var signer = new MediaLinkSigner(key);
        key[0] ^= 1;

        assertThat(signer.signature("images", ID, EXPIRES)).isEqualTo("Y2_V5NmuFVhlepgRxD03Arj5nIMJoNZTLRCvZujj3bs");
    }

    @Test
    void aConfiguredKeyIsUsedAsItsUtf8Bytes() {
        var signer = MediaLinkSigner.from(jdbc(TestDatabase.createMigrated()), "a media signing key");

        assertThat(signer.signature("images", ID, EXPIRES)).isEqualTo("Y2_V5NmuFVhlepgRxD03Arj5nIMJoNZTLRCvZujj3bs");
    }

    @Test
    void withoutAConfiguredKeyOneIsMadeOnceAndKeptInTheDatabase() {
        TestDatabase db = TestDatabase.createMigrated();
        JdbcClient jdbc = jdbc(db);

        var first = MediaLinkSigner.from(jdbc, null);
        var second = MediaLinkSigner.from(jdbc, "  ");
        var elsewhere = MediaLinkSigner.from(jdbc(TestDatabase.createMigrated()), "");
        String stored = jdbc.sql("select value from settings where name = 'media_signing_key'").query(String.class).single();

        assertThat(Base64.getDecoder().decode(stored)).hasSize(32);
        assertThat(second.signature("images", ID, EXPIRES)).as("a second start, same database")
                .isEqualTo(first.signature("images", ID, EXPIRES))
                .isEqualTo(new MediaLinkSigner(Base64.getDecoder().decode(stored)).signature("images", ID, EXPIRES));
        assertThat(elsewhere.signature("images", ID, EXPIRES)).as("another database, another key")
                .isNotEqualTo(first.signature("images", ID, EXPIRES));
    }

    private static JdbcClient jdbc(TestDatabase db) {
        return JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));
    }
}
