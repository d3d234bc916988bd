package com.reelsmith.gateway.auth;

import com.reelsmith.gateway.system.ApiException;
import java.time.Instant;
import java.util.UUID;

/**
 * Who is calling: an admin (no client) or one client's key; a key may only read (scope read) and
 * may expire (checked on every request, so a cached caller expires on time too).
 */
public record Caller(UUID keyId, Role role, UUID clientId, boolean readOnly, Instant expiresAt) {

    public enum Role { ADMIN, CLIENT }

    public static Caller admin(UUID keyId) {
        return new Caller(keyId, Role.ADMIN, null, false, null);
    }

    public static Caller client(UUID keyId, UUID clientId) {
        return new Caller(keyId, Role.CLIENT, clientId, false, null);
    }

    public static Caller client(UUID keyId, UUID clientId, boolean readOnly, Instant expiresAt) {
        return new Caller(keyId, Role.CLIENT, clientId, readOnly, expiresAt);
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Tenancy in one line: an admin sees every client's rows, a client only its own. */
    public boolean canSee(UUID ownerClientId) {
        return isAdmin() || clientId.equals(ownerClientId);
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw ApiException.forbidden("this endpoint needs an admin API key");
        }
    }
}
