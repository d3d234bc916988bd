package com.reelsmith.gateway.jobs;

import com.reelsmith.gateway.system.Cursor;
import com.reelsmith.platform.jdbc.Rows;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reading jobs for the API (workers and the saga change them; the gateway creates and cancels). */
@Repository
class JobQueries {

    record JobRow(UUID id, UUID clientId, UUID campaignId, UUID parentJobId, String kind, String status, int attempts,
                  int progress, String currentStage, String errorCode, String errorMessage, BigDecimal estimatedCostUsd,
                  BigDecimal costUsd, UUID resultId, Instant createdAt, Instant startedAt, Instant finishedAt,
                  String effectivePrompt) {
    }

    /** A child with what it is estimated to cost and what it cost: a tree costs the sum of its jobs, each counted once. */
    record ChildRow(UUID id, String kind, String status, java.math.BigDecimal estimatedCostUsd, java.math.BigDecimal costUsd) {
    }

    private static final String COLUMNS = """
            id, client_id, campaign_id, parent_job_id, kind, status, attempts, progress, current_stage, error_code,
            error_message, estimated_cost_usd, cost_usd, result_id, created_at, started_at, finished_at,
            coalesce(input->>'effective_prompt', input->>'prompt') as effective_prompt""";

    private final JdbcClient jdbc;

    JobQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<JobRow> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from jobs where id = :id").param("id", id).query(Rows.of(JobRow.class)).optional();
    }

    UUID correlationOf(UUID id) {
        return jdbc.sql("select correlation_id from jobs where id = :id").param("id", id).query(UUID.class).single();
    }

    /** A production's scenes: how many, and how many have their clip (made, or adopted by a retry). */
    record SceneProgress(int scenesTotal, int scenesCompleted) {
    }

    Optional<SceneProgress> sceneProgress(UUID productionJobId) {
        return jdbc.sql("""
                select count(*) as scenes_total,
                       count(*) filter (where s.clip_video_id is not null or j.status = 'succeeded') as scenes_completed
                from production_scenes s left join jobs j on j.id = s.child_job_id
                where s.production_job_id = :id
                having count(*) > 0
                """).param("id", productionJobId).query(Rows.of(SceneProgress.class)).optional();
    }

    List<ChildRow> children(UUID parentId) {
        return jdbc.sql("select id, kind, status, estimated_cost_usd, cost_usd from jobs where parent_job_id = :id order by created_at")
                .param("id", parentId).query(Rows.of(ChildRow.class)).list();
    }

    /** Newest first; every filter optional (null); clientId null only for an admin. limit + 1 rows. */
    List<JobRow> list(UUID clientId, UUID campaignId, String status, String kind, Cursor after, int limit) {
        var sql = new StringBuilder("select " + COLUMNS + " from jobs where (created_at, id) < (:afterAt, :afterId)");
        if (clientId != null) {
            sql.append(" and client_id = :clientId");
        }
        if (campaignId != null) {
            sql.append(" and campaign_id = :campaignId");
        }
        if (status != null) {
            sql.append(" and status = :status");
        }
        if (kind != null) {
            sql.append(" and kind = :kind");
        }
        sql.append(" order by created_at desc, id desc limit :limit");
        var statement = jdbc.sql(sql.toString()).param("afterAt", after.at()).param("afterId", after.id())
                .param("limit", limit + 1);
        if (clientId != null) {
            statement = statement.param("clientId", clientId);
        }
        if (campaignId != null) {
            statement = statement.param("campaignId", campaignId);
        }
        if (status != null) {
            statement = statement.param("status", status);
        }
        if (kind != null) {
            statement = statement.param("kind", kind);
        }
        return statement.query(Rows.of(JobRow.class)).list();
    }
}
