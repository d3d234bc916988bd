package com.reelsmith.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Turns a presented key into a {@link Caller}. One indexed lookup by public id and one bcrypt
 * check per key, then the answer is cached briefly under the key's SHA-256, so a request costs
 * microseconds, not a bcrypt round (the old system ran bcrypt against every active key). A
 * refused key is remembered too, and checks that fail are limited per prefix and per address
 * ({@link AuthThrottle}): knowing a prefix must not let anyone keep the CPUs busy with bcrypt.
 */
@Component
public class Authenticator {

    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    private final ApiKeyStore keys;
    private final BCryptPasswordEncoder bcrypt;
    private final AuthThrottle throttle;
    private final Cache<String, Caller> verified;
    /** SHA-256 of keys refused lately: refused again without a lookup or a bcrypt round. */
    private final Cache<String, Boolean> refused;
    /**
     * SHA-256 of keys that passed bcrypt, with the stored hash they matched, for a day: such a key
     * is checked again with the indexed lookup alone (not revoked, same hash), no bcrypt round and
     * no throttle, so an attack on its prefix cannot lock its owner out.
     */
    private final Cache<String, String> proven;
    /** Keys revoked here lately: a check that raced the revocation must not cache them again. */
    private final Cache<UUID, Boolean> revoked;
    private final byte[] bootstrapAdminDigest;

    Authenticator(ApiKeyStore keys, BCryptPasswordEncoder bcrypt, AuthThrottle throttle, AuthProperties properties) {
        this.keys = keys;
        this.bcrypt = bcrypt;
        this.throttle = throttle;
        this.verified = Caffeine.newBuilder().expireAfterWrite(properties.cacheTtl()).maximumSize(100_000).build();
        this.refused = Caffeine.newBuilder().expireAfterWrite(properties.failedCacheTtl()).maximumSize(100_000).build();
        this.revoked = Caffeine.newBuilder().expireAfterWrite(properties.cacheTtl().multipliedBy(2)).build();
        this.proven = Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofDays(1)).maximumSize(100_000).build();
        String admin = properties.adminApiKey();
        this.bootstrapAdminDigest = admin == null || admin.isBlank() ? null : sha256(admin.trim());
    }

    /**
     * The caller the key belongs to, or empty when it is not valid.
     *
     * @throws com.reelsmith.gateway.system.ApiException (429) when checks from this address or of this prefix failed too often
     */
    public Optional<Caller> authenticate(String presented, String remoteAddress) {
        byte[] digest = sha256(presented.trim());
        if (bootstrapAdminDigest != null && MessageDigest.isEqual(digest, bootstrapAdminDigest)) {
            return Optional.of(Caller.admin(null));
        }
        String cacheKey = HexFormat.of().formatHex(digest);
        Caller cached = verified.getIfPresent(cacheKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (refused.getIfPresent(cacheKey) != null) {
            return Optional.empty();
        }
        Optional<ApiKeyFormat.Parts> parts = ApiKeyFormat.parse(presented);
        if (parts.isEmpty()) {
            return Optional.empty(); // not even shaped like a key: costs nothing to refuse
        }
        // one request checks the key while concurrent requests with the same key wait for its
        // answer: when the entry expires under load, one lookup runs, not one per request thread
        return Optional.ofNullable(verified.get(cacheKey, key -> check(parts.get(), key, remoteAddress)));
    }

    /** The caller a key not in the cache belongs to, or null when it is refused (then remembered as refused). */
    private Caller check(ApiKeyFormat.Parts parts, String cacheKey, String remoteAddress) {
        if (refused.getIfPresent(cacheKey) != null) {
            return null; // refused while this request waited for another's check of the same key
        }
        String provenHash = proven.getIfPresent(cacheKey);
        if (provenHash != null) {
            Optional<Caller> again = keys.findByPublicId(parts.publicId())
                    .filter(stored -> stored.revokedAt() == null && provenHash.equals(stored.secretHash()))
                    .map(Authenticator::callerOf)
                    .filter(c -> c.keyId() == null || revoked.getIfPresent(c.keyId()) == null);
            if (again.isPresent()) {
                return again.get();
            }
            proven.invalidate(cacheKey); // revoked or rotated since: checked in full below
        }
        AuthThrottle.Reservation reservation = throttle.reserve(parts.publicId(), remoteAddress);
        Optional<Caller> caller;
        try {
            caller = verify(parts, cacheKey).filter(c -> c.keyId() == null || revoked.getIfPresent(c.keyId()) == null);
        } catch (RuntimeException e) {
            reservation.release(); // the check could not be made (database down): not a failed guess
            throw e;
        }
        if (caller.isPresent()) {
            reservation.release();
            return caller.get();
        }
        refused.put(cacheKey, Boolean.TRUE);
        return null;
    }

    /** Called on revocation: this instance stops trusting the key at once. */
    public void forget(UUID keyId) {
        revoked.put(keyId, Boolean.TRUE);
        verified.asMap().values().removeIf(c -> keyId.equals(c.keyId()));
        // proven entries of a revoked key find revoked_at on their next look; nothing more to forget
    }

    private Optional<Caller> verify(ApiKeyFormat.Parts parts, String cacheKey) {
        var stored = keys.findByPublicId(parts.publicId()).orElse(null);
        if (stored == null || stored.revokedAt() != null) {
            return Optional.empty();
        }
        if (!matches(parts.secret(), stored)) {
            return Optional.empty();
        }
        proven.put(cacheKey, stored.secretHash());
        return Optional.of(callerOf(stored));
    }

    private static Caller callerOf(ApiKeyStore.StoredKey stored) {
        return "admin".equals(stored.role()) ? Caller.admin(stored.id())
                : Caller.client(stored.id(), stored.clientId(), "read".equals(stored.scope()), stored.expiresAt());
    }

    private boolean matches(String secret, ApiKeyStore.StoredKey stored) {
        String hash = stored.secretHash();
        // a hash that is not bcrypt at all would make the encoder log and refuse, a damaged one
        // can make it throw ("Invalid salt"): either way this key is refused, never a 500
        if (hash == null || !hash.matches("^\\$2[abxy]?\\$\\d\\d\\$[./A-Za-z0-9]{53}$")) {
            log.warn("api key {} has a malformed stored hash; refusing it", stored.id());
            return false;
        }
        try {
            return bcrypt.matches(secret, hash);
        } catch (RuntimeException e) {
            log.warn("api key {} has an unusable stored hash ({}); refusing it", stored.id(), e.getMessage());
            return false;
        }
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
