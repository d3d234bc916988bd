package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A key's hash is checked once; for the cache window the verified answer is reused. */
class KeyVerificationCacheTest extends GatewayIntegrationTest {

    @Test
    void aVerifiedKeyIsNotCheckedAgainstTheStoredHashWithinTheCacheWindow() {
        // given a key that was just verified
        var tenant = newTenant("Cached");
        assertThat(as(tenant).get("/api/v2/campaigns").status()).isEqualTo(200);

        // when its stored hash is damaged behind the gateway's back
        assertThat(GatewayEnvironment.update(DB, "update api_keys set secret_hash = 'garbage' where id = ?",
                tenant.keyId())).isEqualTo(1);

        // then the next call is still let in: the hash was not read again
        var again = as(tenant).get("/api/v2/campaigns");
        assertThat(again.status()).as("%s", again).isEqualTo(200);
    }

    @Test
    void aCachedKeyDoesNotLetInAWrongSecretWithTheSamePublicId() {
        // given a key that was just verified (and so is cached)
        var tenant = newTenant("Cached, other secret");
        assertThat(as(tenant).get("/api/v2/campaigns").status()).isEqualTo(200);

        // when someone presents the same public id with another secret
        String prefix = tenant.key().substring(0, tenant.key().lastIndexOf('_'));
        var forged = anonymous.as(prefix + "_" + "Z".repeat(40)).get("/api/v2/campaigns");

        // then it is refused
        assertThat(forged.status()).as("%s", forged).isEqualTo(401);
        assertThat(forged.errorCode()).isEqualTo("invalid_api_key");
    }
}
