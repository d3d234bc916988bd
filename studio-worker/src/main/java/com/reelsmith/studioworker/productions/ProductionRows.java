package com.reelsmith.studioworker.productions;

import com.reelsmith.platform.jdbc.Rows;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The production tables as the studio worker reads and writes them (the jobs table is platform/jobs's). */
@Component
class ProductionRows {

    record Production(UUID jobId, UUID clientId, UUID campaignId, UUID storyboardId, int version, String aspectRatio,
                      int scenesTotal) {
    }

    /** A scene of a production: its clip once made (or adopted from the production a retry retries). */
    record SceneRow(int position, String sceneId, int durationS, UUID childJobId, UUID clip) {
    }

    /** A production's kept music bed; {@code jobId}: the production that bought it. */
    record Music(UUID jobId, String storageKey, String source) {
    }

    record Ad(UUID id, UUID clientId, UUID campaignId, String storageKey, String aspectRatio, int durationMs) {
    }

    private final JdbcClient jdbc;

    ProductionRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isProduction(UUID jobId) {
        return jdbc.sql("select count(*) from productions where job_id = :id").param("id", jobId)
                .query(Integer.class).single() == 1;
    }

    Optional<Production> find(UUID jobId) {
        return jdbc.sql("""
                select job_id, client_id, campaign_id, storyboard_id, version, aspect_ratio, scenes_total
                from productions where job_id = :id
                """).param("id", jobId).query(Rows.of(Production.class)).optional();
    }

    List<SceneRow> scenes(UUID jobId) {
        return jdbc.sql("""
                select s.position, s.scene_id, s.duration_s, s.child_job_id,
                       coalesce(s.clip_video_id, case when j.status = 'succeeded' then j.result_id end) as clip
                from production_scenes s left join jobs j on j.id = s.child_job_id
                where s.production_job_id = :id order by s.position
                """).param("id", jobId).query(Rows.of(SceneRow.class)).list();
    }

    /** Scenes with neither a clip nor a job making one, in order. */
    List<SceneRow> toStart(UUID jobId, int limit) {
        return jdbc.sql("""
                select position, scene_id, duration_s, child_job_id, clip_video_id as clip from production_scenes
                where production_job_id = :id and child_job_id is null and clip_video_id is null
                order by position limit :limit
                """).param("id", jobId).param("limit", limit).query(Rows.of(SceneRow.class)).list();
    }

    void started(UUID jobId, int position, UUID childJobId) {
        jdbc.sql("""
                update production_scenes set child_job_id = :child
                where production_job_id = :id and position = :position and child_job_id is null
                """).param("id", jobId).param("position", position).param("child", childJobId).update();
    }

    Optional<SceneRow> sceneOfChild(UUID childJobId) {
        return jdbc.sql("""
                select position, scene_id, duration_s, child_job_id, clip_video_id as clip from production_scenes
                where child_job_id = :child
                """).param("child", childJobId).query(Rows.of(SceneRow.class)).optional();
    }

    /** The scene's approved preview (the newest), which becomes the clip's keyframe. */
    Optional<UUID> approvedPreview(UUID storyboardId, String sceneId) {
        return jdbc.sql("""
                select j.result_id from storyboard_previews p join jobs j on j.id = p.job_id
                where p.storyboard_id = :storyboard and p.scene_id = :scene and p.approved
                  and j.status = 'succeeded' and j.result_id is not null
                order by p.created_at desc limit 1
                """).param("storyboard", storyboardId).param("scene", sceneId).query(UUID.class).optional();
    }

    Optional<String> videoStorageKey(UUID videoId) {
        return jdbc.sql("select storage_key from generated_videos where id = :id").param("id", videoId)
                .query(String.class).optional();
    }

    /** A logo the client uploaded (an asset of theirs), by id. */
    Optional<String> assetStorageKey(UUID clientId, UUID assetId) {
        return jdbc.sql("select storage_key from assets where id = :id and client_id = :client").param("id", assetId)
                .param("client", clientId).query(String.class).optional();
    }

    /**
     * The music bed kept for this production, or else for the production it retries (and so on
     * back): the same storyboard version, so the same length of music.
     */
    Optional<Music> music(UUID jobId) {
        return jdbc.sql("""
                with recursive chain (job_id, retry_of, depth) as (
                    select job_id, retry_of, 0 from productions where job_id = :id
                    union all
                    select p.job_id, p.retry_of, c.depth + 1 from productions p join chain c on p.job_id = c.retry_of
                    where c.depth < 20
                )
                select p.job_id, p.music_storage_key as storage_key, p.music_source as source
                from chain c join productions p on p.job_id = c.job_id
                where p.music_storage_key is not null
                order by c.depth limit 1
                """).param("id", jobId).query(Rows.of(Music.class)).optional();
    }

    /**
     * Whether this production already kept the bed of {@code predictionId}. Only its own bed of that
     * very prediction counts: a bed kept earlier (by it or by the production it retries) that could
     * not be read is why a new prediction was bought, and that one still has to be collected.
     */
    boolean keptFrom(UUID jobId, String predictionId) {
        return jdbc.sql("""
                select count(*) from productions
                where job_id = :id and music_prediction_id = :prediction and music_storage_key is not null
                """).param("id", jobId).param("prediction", predictionId).query(Long.class).single() > 0;
    }

    void keepMusic(UUID jobId, String storageKey, String source, BigDecimal costUsd, String predictionId) {
        jdbc.sql("""
                update productions set music_storage_key = :key, music_source = :source, music_cost_usd = :cost,
                       music_prediction_id = :prediction
                where job_id = :id
                """).param("id", jobId).param("key", storageKey).param("source", source).param("cost", costUsd)
                .param("prediction", predictionId).update();
    }

    void insertAd(UUID adId, Production production, String aspectRatio, String contentType, long bytes, int width,
                  int height, int durationMs, String sha256, String storageKey, String music) {
        jdbc.sql("""
                insert into ads (id, client_id, campaign_id, production_job_id, storyboard_id, version, aspect_ratio,
                                 content_type, bytes, width, height, duration_ms, sha256, storage_key, music)
                values (:id, :clientId, :campaignId, :jobId, :storyboardId, :version, :ratio, :contentType, :bytes,
                        :width, :height, :durationMs, :sha256, :storageKey, :music)
                """).param("id", adId).param("clientId", production.clientId()).param("campaignId", production.campaignId())
                .param("jobId", production.jobId()).param("storyboardId", production.storyboardId())
                .param("version", production.version()).param("ratio", aspectRatio).param("contentType", contentType)
                .param("bytes", bytes).param("width", width).param("height", height).param("durationMs", durationMs)
                .param("sha256", sha256).param("storageKey", storageKey).param("music", music).update();
    }

    Optional<Ad> ad(UUID adId) {
        return jdbc.sql("select id, client_id, campaign_id, storage_key, aspect_ratio, duration_ms from ads where id = :id")
                .param("id", adId).query(Rows.of(Ad.class)).optional();
    }

    void exported(UUID exportId, String contentType, long bytes, int width, int height, int durationMs, String sha256,
                  String storageKey) {
        jdbc.sql("""
                update ad_exports set content_type = :contentType, bytes = :bytes, width = :width, height = :height,
                       duration_ms = :durationMs, sha256 = :sha256, storage_key = :storageKey
                where id = :id
                """).param("id", exportId).param("contentType", contentType).param("bytes", bytes).param("width", width)
                .param("height", height).param("durationMs", durationMs).param("sha256", sha256)
                .param("storageKey", storageKey).update();
    }
}
