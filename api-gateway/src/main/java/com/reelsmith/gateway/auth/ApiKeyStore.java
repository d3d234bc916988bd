package com.reelsmith.gateway.auth;

import com.reelsmith.platform.jdbc.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The api_keys table. Secrets are never stored, only their bcrypt hashes. */
@Repository
class ApiKeyStore {

    record StoredKey(UUID id, UUID clientId, String role, String publicId, String secretHash, String name,
                     Instant createdAt, Instant revokedAt, Instant expiresAt, Instant lastUsedAt, String scope) {
    }

    private static final String COLUMNS =
            "id, client_id, role, public_id, secret_hash, name, created_at, revoked_at, expires_at, last_used_at, scope";

    private final JdbcClient jdbc;

    ApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredKey> findByPublicId(String publicId) {
        return jdbc.sql("""
                select %s
                from api_keys where public_id = :publicId
                """.formatted(COLUMNS)).param("publicId", publicId).query(Rows.of(StoredKey.class)).optional();
    }

    Optional<StoredKey> findById(UUID id) {
        return jdbc.sql("""
                select %s
                from api_keys where id = :id
                """.formatted(COLUMNS)).param("id", id).query(Rows.of(StoredKey.class)).optional();
    }

    List<StoredKey> listOfClient(UUID clientId) {
        return jdbc.sql("""
                select %s
                from api_keys where client_id = :clientId order by created_at desc, id desc
                """.formatted(COLUMNS)).param("clientId", clientId).query(Rows.of(StoredKey.class)).list();
    }

    StoredKey insert(UUID clientId, String role, String publicId, String secretHash, String name) {
        return insert(clientId, role, publicId, secretHash, name, null, "all");
    }

    StoredKey insert(UUID clientId, String role, String publicId, String secretHash, String name, Instant expiresAt,
                     String scope) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into api_keys (id, client_id, role, public_id, secret_hash, name, expires_at, scope)
                values (:id, :clientId, :role, :publicId, :secretHash, :name, :expiresAt, :scope)
                """).param("id", id).param("clientId", clientId).param("role", role)
                .param("publicId", publicId).param("secretHash", secretHash).param("name", name)
                .param("expiresAt", expiresAt == null ? null : java.sql.Timestamp.from(expiresAt))
                .param("scope", scope).update();
        return findById(id).orElseThrow();
    }

    boolean revoke(UUID id) {
        return jdbc.sql("update api_keys set revoked_at = now() where id = :id and revoked_at is null")
                .param("id", id).update() == 1;
    }

    /** Asked here rather than of the clients package, which depends on auth (for Caller), never the reverse. */
    boolean clientExists(UUID clientId) {
        return jdbc.sql("select exists (select 1 from clients where id = :id)").param("id", clientId)
                .query(Boolean.class).single();
    }

    boolean anyActiveAdmin() {
        return jdbc.sql("select exists (select 1 from api_keys where role = 'admin' and revoked_at is null)")
                .query(Boolean.class).single();
    }

    /** Serialises the first-start admin bootstrap across gateway instances starting together. */
    void lockAdminBootstrap() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('reelsmith.admin-bootstrap'))").query().singleRow();
    }
}
