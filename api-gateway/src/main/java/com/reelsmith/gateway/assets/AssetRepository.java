package com.reelsmith.gateway.assets;

import com.reelsmith.platform.jdbc.Rows;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AssetRepository {

    public record AssetRow(UUID id, UUID clientId, UUID campaignId, String filename, String contentType, long bytes,
                           Integer width, Integer height, String sha256, String storageKey, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    AssetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AssetRow> find(UUID id) {
        return jdbc.sql("""
                select id, client_id, campaign_id, filename, content_type, bytes, width, height, sha256, storage_key, created_at
                from assets where id = :id
                """).param("id", id).query(Rows.of(AssetRow.class)).optional();
    }

    AssetRow insert(AssetRow a) {
        jdbc.sql("""
                insert into assets (id, client_id, campaign_id, filename, content_type, bytes, width, height, sha256, storage_key)
                values (:id, :clientId, :campaignId, :filename, :contentType, :bytes, :width, :height, :sha256, :storageKey)
                """).param("id", a.id()).param("clientId", a.clientId()).param("campaignId", a.campaignId())
                .param("filename", a.filename()).param("contentType", a.contentType()).param("bytes", a.bytes())
                .param("width", a.width()).param("height", a.height()).param("sha256", a.sha256())
                .param("storageKey", a.storageKey()).update();
        return find(a.id()).orElseThrow();
    }
}
