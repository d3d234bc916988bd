package com.reelsmith.gateway.auth;

import org.springframework.web.bind.annotation.ResponseStatus;
import com.reelsmith.gateway.system.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ApiKeyController {

    /** expires_at: optional, in the future; scope: all (default) or read (GET only). */
    record NewKey(String name, Instant expiresAt, String scope) {
    }

    /** A key as listed later: never the secret, only its prefix. */
    record KeyView(UUID id, String prefix, String name, UUID clientId, String scope, Instant createdAt,
                   Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
        static KeyView of(ApiKeyStore.StoredKey k) {
            return new KeyView(k.id(), "sk_" + k.publicId(), k.name(), k.clientId(), k.scope(), k.createdAt(),
                    k.expiresAt(), k.lastUsedAt(), k.revokedAt());
        }
    }

    private final ApiKeyIssuer issuer;
    private final ApiKeyStore keys;
    private final Authenticator authenticator;

    ApiKeyController(ApiKeyIssuer issuer, ApiKeyStore keys, Authenticator authenticator) {
        this.issuer = issuer;
        this.keys = keys;
        this.authenticator = authenticator;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v2/clients/{clientId}/api-keys")
    ResponseEntity<ApiKeyIssuer.IssuedKey> create(Caller caller, @PathVariable UUID clientId,
                                                  @RequestBody(required = false) NewKey body) {
        caller.requireAdmin();
        if (!keys.clientExists(clientId)) {
            throw ApiException.notFound("client", clientId);
        }
        String name = body == null ? null : body.name();
        if (name != null && name.length() > 200) {
            throw ApiException.invalid("name", "name must be at most 200 characters");
        }
        Instant expiresAt = body == null ? null : body.expiresAt();
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw ApiException.invalid("expires_at", "expires_at must be in the future");
        }
        String scope = body == null || body.scope() == null ? "all" : body.scope();
        if (!scope.equals("all") && !scope.equals("read")) {
            throw ApiException.invalid("scope", "scope must be all or read");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(issuer.issue(clientId, "client", name, expiresAt, scope));
    }

    @GetMapping("/api/v2/clients/{clientId}/api-keys")
    Map<String, List<KeyView>> list(Caller caller, @PathVariable UUID clientId) {
        if (!caller.canSee(clientId) || !keys.clientExists(clientId)) {
            throw ApiException.notFound("client", clientId);
        }
        return Map.of("items", keys.listOfClient(clientId).stream().map(KeyView::of).toList());
    }

    /** An admin revokes any key, a client its own (to rotate); the key stops working within seconds. */
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/api/v2/api-keys/{id}")
    ResponseEntity<Void> revoke(Caller caller, @PathVariable UUID id) {
        var key = keys.findById(id).filter(k -> caller.isAdmin() || caller.clientId().equals(k.clientId()))
                .orElseThrow(() -> ApiException.notFound("api key", id));
        keys.revoke(key.id());
        authenticator.forget(key.id());
        return ResponseEntity.noContent().build();
    }
}
