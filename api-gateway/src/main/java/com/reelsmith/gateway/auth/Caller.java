package com.reelsmith.gateway.auth;

import com.reelsmith.gateway.system.ApiException;
import java.util.UUID;

/** Who is calling: an admin (no client) or one client's key. */
public record Caller(UUID keyId, Role role, UUID clientId) {

    public enum Role { ADMIN, CLIENT }

    public static Caller admin(UUID keyId) {
        return new Caller(keyId, Role.ADMIN, null);
    }

    public static Caller client(UUID keyId, UUID clientId) {
        return new Caller(keyId, Role.CLIENT, clientId);
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
