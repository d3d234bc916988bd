package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Knowing a key's public prefix must not buy an attacker a bcrypt round per request: a refused
 * key is remembered briefly, and failed checks are limited per key prefix and per address (429
 * with Retry-After, no bcrypt). Each test comes from a loopback address of its own (127.0.0.x).
 */
@DirtiesContext // a context of its own: closed after the class, so its pool's connections go back
class AuthThrottlingTest extends GatewayIntegrationTest {

    @org.springframework.test.context.DynamicPropertySource
    static void shortTrust(org.springframework.test.context.DynamicPropertyRegistry registry) {
        // a verified key is trusted without a database look for 1 s (10 s by default)
        registry.add("reelsmith.auth.cache-ttl", () -> "1s");
    }

    /** The real encoder, counting its checks: the cost an attacker can make us pay. */
    static final class CountingBcrypt extends BCryptPasswordEncoder {
        final AtomicInteger checks = new AtomicInteger();

        CountingBcrypt() {
            super(10);
        }

        @Override
        protected boolean matchesNonNull(String raw, String encoded) {
            checks.incrementAndGet();
            return super.matchesNonNull(raw, encoded);
        }
    }

    @TestConfiguration
    static class Counting {
        @Bean
        @Primary
        CountingBcrypt countingBcrypt() {
            return new CountingBcrypt();
        }
    }

    @Autowired
    CountingBcrypt bcrypt;

    @Test
    void theSameWrongKeyCostsOneBcryptCheckNotOnePerRequest() throws Exception {
        var tenant = newTenant("Refused once");
        String wrong = prefixOf(tenant) + "_" + "W".repeat(40);
        InetAddress from = InetAddress.getByName("127.0.0.21");

        int before = bcrypt.checks.get();
        for (int i = 0; i < 5; i++) {
            var answer = RawHttp.get(port, from, "/api/v2/campaigns", wrong);
            assertThat(answer.status()).as("attempt %d: %s", i, answer).isEqualTo(401);
        }

        assertThat(bcrypt.checks.get() - before).as("bcrypt checks for 5 presentations of one wrong key").isEqualTo(1);
    }

    @Test
    void guessingSecretsForOnePrefixIsAnswered429WithoutBcryptOnceOverTheLimit() throws Exception {
        var tenant = newTenant("Guessed");
        // the owner's key was verified just now, so it is cached
        assertThat(as(tenant).get("/api/v2/campaigns").status()).isEqualTo(200);
        InetAddress from = InetAddress.getByName("127.0.0.22");

        int before = bcrypt.checks.get();
        List<Integer> statuses = new ArrayList<>();
        RawHttp.Answer last = null;
        for (int i = 0; i < 15; i++) {
            last = RawHttp.get(port, from, "/api/v2/campaigns", prefixOf(tenant) + "_" + "G".repeat(30) + String.format("%010d", i));
            statuses.add(last.status());
        }
        int checks = bcrypt.checks.get() - before;

        assertThat(statuses.subList(0, 10)).as("the first guesses: %s", statuses).containsOnly(401);
        assertThat(statuses.subList(10, 15)).as("past the limit: %s", statuses).containsOnly(429);
        assertThat(last.body()).contains("\"code\":\"too_many_failed_authentications\"");
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(checks).as("bcrypt checks for 15 guesses").isLessThanOrEqualTo(10);
        // and the owner, whose key is cached, is not locked out by the attack on its prefix
        assertThat(as(tenant).get("/api/v2/campaigns").status()).isEqualTo(200);
    }

    @Test
    void oneAddressTryingManyKeysIsAnswered429OnceOverTheLimit() throws Exception {
        InetAddress from = InetAddress.getByName("127.0.0.23");

        List<Integer> statuses = new ArrayList<>();
        RawHttp.Answer last = null;
        for (int i = 0; i < 40; i++) {
            last = RawHttp.get(port, from, "/api/v2/campaigns", "sk_unknown" + String.format("%06d", i) + "_" + "X".repeat(40));
            statuses.add(last.status());
        }

        assertThat(statuses.subList(0, 30)).as("%s", statuses).containsOnly(401);
        assertThat(statuses.subList(30, 40)).as("%s", statuses).containsOnly(429);
        assertThat(last.header("Retry-After")).isNotNull();
        // another address is not affected
        var other = RawHttp.get(port, InetAddress.getByName("127.0.0.24"), "/api/v2/campaigns", "sk_unknownzz_" + "X".repeat(40));
        assertThat(other.status()).as("%s", other).isEqualTo(401);
    }

    @Test
    void anOwnerWhoseKeyProvedItselfBeforeIsNotLockedOutByAnAttackOnItsPrefix() throws Exception {
        var tenant = newTenant("Besieged");
        assertThat(as(tenant).get("/api/v2/campaigns").status()).isEqualTo(200);
        InetAddress from = InetAddress.getByName("127.0.0.25");
        // an attacker who knows the prefix keeps its failure budget spent...
        for (int i = 0; i < 12; i++) {
            RawHttp.get(port, from, "/api/v2/campaigns", prefixOf(tenant) + "_" + "A".repeat(30) + String.format("%010d", i));
        }
        // ...past the few seconds a verified key is trusted without a look at the database
        Thread.sleep(1_500);

        int before = bcrypt.checks.get();
        assertThat(as(tenant).get("/api/v2/campaigns").status()).as("the owner, during the attack").isEqualTo(200);
        assertThat(bcrypt.checks.get() - before).as("a key that proved itself needs no new bcrypt round").isZero();
    }

    @Test
    void aKeyThatProvedItselfIsRefusedOnceRevokedEvenWithoutABcryptRound() throws Exception {
        var tenant = newTenant("Revoked later");
        assertThat(as(tenant).get("/api/v2/campaigns").status()).isEqualTo(200);
        // revoked by another gateway instance: this one learns it from the database once its 1 s of trust is over
        GatewayEnvironment.update(DB, "update api_keys set revoked_at = now() where client_id = ?", tenant.clientId());
        Thread.sleep(1_500);

        assertThat(as(tenant).get("/api/v2/campaigns").status()).isEqualTo(401);
    }

    private static String prefixOf(Tenant tenant) {
        return tenant.key().substring(0, tenant.key().lastIndexOf('_'));
    }
}
