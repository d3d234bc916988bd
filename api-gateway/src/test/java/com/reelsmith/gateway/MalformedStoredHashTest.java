package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A damaged api_keys row must refuse its key (401), never break the request (500). */
class MalformedStoredHashTest extends GatewayIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "not-a-bcrypt-hash",
            "$2a$10$abc",
            "",
            // bcrypt-shaped, but a cost the encoder refuses to compute
            "$2a$99$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyzABCDE"})
    void aKeyWhoseStoredHashIsGarbageIsRefused(String storedHash) {
        // given a key row written behind the API's back, with a hash bcrypt cannot use
        var tenant = newTenant("Damaged");
        String publicId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        GatewayEnvironment.update(DB, """
                insert into api_keys (id, client_id, role, public_id, secret_hash, name)
                values (?, ?, 'client', ?, ?, 'damaged')""", UUID.randomUUID(), tenant.clientId(), publicId, storedHash);
        String wellFormedKey = "sk_" + publicId + "_" + "aB3".repeat(13) + "x";

        // when that key is presented
        var reply = anonymous.as(wellFormedKey).get("/api/v2/campaigns");

        // then it is refused like any wrong key
        assertThat(reply.status()).as("%s", reply).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("invalid_api_key");
        assertThat(reply.header("Content-Type")).startsWith("application/json");
    }
}
