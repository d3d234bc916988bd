package com.reelsmith.gateway.media;

import com.reelsmith.gateway.system.Cursor;
import com.reelsmith.platform.jdbc.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Generated images and videos, one row shape for both (a video's duration and fps, null for an image). */
@Repository
public class MediaQueries {

    public record MediaRow(UUID id, UUID jobId, UUID clientId, UUID campaignId, String prompt, String contentType,
                           long bytes, int width, int height, Integer durationMs, Integer fps, UUID sourceImageId,
                           String sha256, String storageKey, Instant createdAt) {
    }

    private static final String IMAGES = """
            select id, job_id, client_id, campaign_id, prompt, content_type, bytes, width, height,
                   null::int as duration_ms, null::int as fps, null::uuid as source_image_id, sha256, storage_key, created_at
            from generated_images""";
    private static final String VIDEOS = """
            select id, job_id, client_id, campaign_id, prompt, content_type, bytes, width, height,
                   duration_ms, fps, source_image_id, sha256, storage_key, created_at
            from generated_videos""";

    /** A finished ad (a production's result) and its exports: their bytes are served like any media. */
    private static final String ADS = """
            select id, production_job_id as job_id, client_id, campaign_id, null as prompt, content_type, bytes, width,
                   height, duration_ms, null::int as fps, null::uuid as source_image_id, sha256, storage_key, created_at
            from ads""";
    private static final String EXPORTS = """
            select * from (select id, job_id, client_id, campaign_id, null as prompt, content_type, bytes, width, height,
                                  duration_ms, null::int as fps, null::uuid as source_image_id, sha256, storage_key,
                                  created_at
                           from ad_exports where storage_key is not null) e""";

    private final JdbcClient jdbc;

    MediaQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** kind: "images" or "videos". */
    public Optional<MediaRow> find(String kind, UUID id) {
        return jdbc.sql(select(kind) + " where id = :id").param("id", id).query(Rows.of(MediaRow.class)).optional();
    }

    /** Several at once, by id (a page of jobs shows its results with one query, not one per job). */
    public Map<UUID, MediaRow> findAll(String kind, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql(select(kind) + " where id in (:ids)").param("ids", ids).query(Rows.of(MediaRow.class)).list().stream()
                .collect(Collectors.toMap(MediaRow::id, row -> row));
    }

    /** Newest first, of a client or a campaign ({@code owner}: "client_id" or "campaign_id"), limit + 1 rows. */
    List<MediaRow> list(String kind, String owner, UUID ownerId, Cursor after, int limit) {
        return jdbc.sql(select(kind) + " where " + owner + " = :ownerId and (created_at, id) < (:afterAt, :afterId)"
                        + " order by created_at desc, id desc limit :limit")
                .param("ownerId", ownerId).param("afterAt", after.at()).param("afterId", after.id())
                .param("limit", limit + 1).query(Rows.of(MediaRow.class)).list();
    }

    private static String select(String kind) {
        return switch (kind) {
            case "videos" -> VIDEOS;
            case "ads" -> ADS;
            case "exports" -> EXPORTS;
            default -> IMAGES;
        };
    }
}
