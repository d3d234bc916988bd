package com.reelsmith.gateway.auth;

import java.time.Instant;
import java.util.UUID;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** Makes keys: the full key is returned once, only its bcrypt hash is stored. */
@Component
class ApiKeyIssuer {

    /** The answer to a key creation: the only time the secret is shown. */
    record IssuedKey(UUID id, String apiKey, String prefix, String name, UUID clientId, String scope,
                     Instant expiresAt, Instant createdAt) {
    }

    private final ApiKeyFormat format = new ApiKeyFormat();
    private final ApiKeyStore keys;
    private final BCryptPasswordEncoder bcrypt;

    ApiKeyIssuer(ApiKeyStore keys, BCryptPasswordEncoder bcrypt) {
        this.keys = keys;
        this.bcrypt = bcrypt;
    }

    IssuedKey issue(UUID clientId, String role, String name) {
        return issue(clientId, role, name, null, "all");
    }

    IssuedKey issue(UUID clientId, String role, String name, Instant expiresAt, String scope) {
        ApiKeyFormat.Parts parts = format.generate();
        var stored = keys.insert(clientId, role, parts.publicId(), bcrypt.encode(parts.secret()), name, expiresAt, scope);
        return new IssuedKey(stored.id(), parts.key(), parts.prefix(), name, clientId, stored.scope(), stored.expiresAt(),
                stored.createdAt());
    }
}
