package com.reelsmith.gateway.productions;

import com.reelsmith.gateway.system.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Idempotency keys on productions and exports, checked as the generate endpoints check them. */
final class Keys {

    private Keys() {
    }

    static String checked(String key) {
        if (key != null && (key.isBlank() || key.length() > 200)) {
            throw ApiException.invalid("idempotency_key", "the Idempotency-Key header must be 1 to 200 characters");
        }
        return key;
    }

    static Optional<UUID> jobNamed(JdbcClient jdbc, UUID clientId, String key) {
        return jdbc.sql("select id from jobs where client_id = :client and idempotency_key = :key")
                .param("client", clientId).param("key", key).query(UUID.class).optional();
    }

    static ApiException reused(UUID jobId) {
        return new ApiException(HttpStatus.CONFLICT, "idempotency_key_reused", "this idempotency key was used for a "
                + "different request (job " + jobId + "); use a new key for a new request", "idempotency_key");
    }

    static String hash(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
