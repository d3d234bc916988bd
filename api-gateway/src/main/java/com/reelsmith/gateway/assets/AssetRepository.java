package com.reelsmith.gateway.assets;

import com.reelsmith.gateway.system.Cursor;
import com.reelsmith.platform.jdbc.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The asset library. A deleted asset is gone from the API; its bytes stay for jobs that already use them. */
@Repository
public class AssetRepository {

    public record AssetRow(UUID id, UUID clientId, UUID campaignId, String filename, String kind, String contentType,
                           long bytes, Integer width, Integer height, String sha256, String storageKey,
                           String thumbnailKey, String sourceUrl, Instant createdAt) {
    }

    private static final String COLUMNS = """
            id, client_id, campaign_id, filename, kind, content_type, bytes, width, height, sha256, storage_key,
            thumbnail_key, source_url, created_at""";

    private final JdbcClient jdbc;

    AssetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AssetRow> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from assets where id = :id and deleted_at is null")
                .param("id", id).query(Rows.of(AssetRow.class)).optional();
    }

    AssetRow insert(AssetRow a) {
        jdbc.sql("""
                insert into assets (id, client_id, campaign_id, filename, kind, content_type, bytes, width, height, sha256,
                                    storage_key, thumbnail_key, source_url)
                values (:id, :clientId, :campaignId, :filename, :kind, :contentType, :bytes, :width, :height, :sha256,
                        :storageKey, :thumbnailKey, :sourceUrl)
                """).param("id", a.id()).param("clientId", a.clientId()).param("campaignId", a.campaignId())
                .param("filename", a.filename()).param("kind", a.kind()).param("contentType", a.contentType())
                .param("bytes", a.bytes()).param("width", a.width()).param("height", a.height())
                .param("sha256", a.sha256()).param("storageKey", a.storageKey())
                .param("thumbnailKey", a.thumbnailKey()).param("sourceUrl", a.sourceUrl()).update();
        return find(a.id()).orElseThrow();
    }

    /**
     * Newest first, limit + 1 rows: a campaign's (campaignId) or a client's (clientId; both null
     * for an admin's view of all), optionally of one kind.
     */
    List<AssetRow> list(UUID clientId, UUID campaignId, String kind, Cursor after, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                 from assets
                where deleted_at is null
                  and (cast(:clientId as uuid) is null or client_id = :clientId)
                  and (cast(:campaignId as uuid) is null or campaign_id = :campaignId)
                  and (cast(:kind as text) is null or kind = :kind)
                  and (created_at, id) < (:afterAt, :afterId)
                order by created_at desc, id desc limit :limit
                """).param("clientId", clientId).param("campaignId", campaignId).param("kind", kind)
                .param("afterAt", after.at()).param("afterId", after.id()).param("limit", limit + 1)
                .query(Rows.of(AssetRow.class)).list();
    }

    boolean delete(UUID id) {
        return jdbc.sql("update assets set deleted_at = now() where id = :id and deleted_at is null")
                .param("id", id).update() == 1;
    }
}
