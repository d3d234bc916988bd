package com.reelsmith.platform.productions;

import com.reelsmith.model.ExportJobInput;
import com.reelsmith.model.JobKind;
import com.reelsmith.model.ProductionJobInput;
import com.reelsmith.platform.jdbc.Rows;
import com.reelsmith.platform.jobs.JobCommands;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.platform.pricing.PriceTable;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.StoryboardContent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/**
 * Starting a production (a job of kind {@code ad}), for the gateway (and the tests that play it):
 * the job, its production and scene rows and its command in the caller's transaction. The
 * storyboard's reservation, counted in its campaign's spend since approval, moves onto the job in
 * the same transaction, so the campaign's committed spend neither counts it twice nor drops it.
 * A retry of a failed production is a new job naming it ({@code retry_of}) that adopts the clips
 * its scenes already have and makes only the others.
 */
public class ProductionOrders {

    /** The production of a storyboard version, as found or started. {@code created}: false when it existed. */
    public record Production(UUID jobId, BigDecimal estimatedCostUsd, boolean created) {
    }

    /** A scene of an existing production: its clip (made or adopted) or null, and its current job's status. */
    public record SceneState(int position, String sceneId, int durationS, UUID clip, String childStatus) {
    }

    private final JdbcClient jdbc;
    private final JobTransitions jobs;
    private final Outbox outbox;
    private final ObjectMapper json;

    public ProductionOrders(JdbcClient jdbc, JobTransitions jobs, Outbox outbox, ObjectMapper json) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.outbox = outbox;
        this.json = json;
    }

    /** The first production of a storyboard version, if it was started. */
    public Optional<UUID> existing(UUID storyboardId, int version) {
        return jdbc.sql("""
                select job_id from productions where storyboard_id = :id and version = :version and retry_of is null
                """).param("id", storyboardId).param("version", version).query(UUID.class).optional();
    }

    /**
     * In the caller's transaction: the production of the approved {@code version} of the storyboard
     * (its row locked here, so two requests make one production), or the one already started.
     */
    public Production produce(UUID storyboardId, int version, StoryboardContent content, String idempotencyKey,
                              String requestHash) {
        record Locked(UUID clientId, UUID campaignId, BigDecimal reservedUsd) {
        }
        Locked storyboard = jdbc.sql("""
                select client_id, campaign_id, reserved_usd from storyboards where id = :id for update
                """).param("id", storyboardId).query(Rows.of(Locked.class)).single();
        var found = existing(storyboardId, version);
        if (found.isPresent()) {
            return new Production(found.get(), estimateOf(found.get()), false);
        }
        UUID jobId = UUID.randomUUID();
        UUID correlationId = UUID.randomUUID();
        BigDecimal estimate = storyboard.reservedUsd();
        var input = new ProductionJobInput(storyboardId, version, null, null);
        if (!jobs.insertQueued(new JobTransitions.NewJob(jobId, storyboard.clientId(), storyboard.campaignId(), JobKind.AD,
                json.writeValueAsString(input), null, correlationId, estimate, idempotencyKey, requestHash))) {
            throw new IllegalStateException("the idempotency key " + idempotencyKey + " names another job");
        }
        insertProduction(jobId, storyboard.clientId(), storyboard.campaignId(), storyboardId, version, content, null);
        for (int i = 0; i < content.scenes().size(); i++) {
            Scene scene = content.scenes().get(i);
            insertScene(jobId, i + 1, scene.id(), scene.durationS(), null);
        }
        // the reservation moves onto the job: -reserved through the storyboard's trigger (V6), +reserved for the
        // job's share (a top-level job's share is added by whoever inserts it, as CampaignBudget.reserve does)
        jdbc.sql("update storyboards set reserved_usd = 0, updated_at = now() where id = :id").param("id", storyboardId)
                .update();
        jdbc.sql("update campaigns set committed_usd = committed_usd + :amount where id = :id")
                .param("amount", estimate).param("id", storyboard.campaignId()).update();
        outbox.sendCommand(JobCommands.forJob(JobKind.AD, jobId, correlationId));
        return new Production(jobId, estimate, true);
    }

    public List<SceneState> scenes(UUID productionJobId) {
        return jdbc.sql("""
                select s.position, s.scene_id, s.duration_s,
                       coalesce(s.clip_video_id, case when j.status = 'succeeded' then j.result_id end) as clip,
                       j.status as child_status
                from production_scenes s left join jobs j on j.id = s.child_job_id
                where s.production_job_id = :id order by s.position
                """).param("id", productionJobId).query(Rows.of(SceneState.class)).list();
    }

    /** The retry of a failed production already started, if any (retrying twice gives the same job). */
    public Optional<UUID> retryOf(UUID failedJobId) {
        return jdbc.sql("select job_id from productions where retry_of = :id order by created_at limit 1")
                .param("id", failedJobId).query(UUID.class).optional();
    }

    /**
     * What a retry of a failed production costs: its scenes without a clip (a 5 or 10 s clip each,
     * plus a keyframe when the scene has no approved preview) and the assembly.
     */
    public BigDecimal retryEstimate(UUID failedJobId, PriceTable prices, boolean free) {
        UUID storyboardId = jdbc.sql("select storyboard_id from productions where job_id = :id").param("id", failedJobId)
                .query(UUID.class).single();
        BigDecimal total = free ? BigDecimal.ZERO : prices.assemblyUsd();
        for (SceneState scene : scenes(failedJobId)) {
            if (scene.clip() == null) {
                boolean preview = hasApprovedPreview(storyboardId, scene.sceneId());
                total = total.add(prices.video(free, scene.durationS() <= 5 ? 5 : 10, "standard", !preview));
            }
        }
        return total.setScale(4, java.math.RoundingMode.HALF_UP);
    }

    /**
     * In the caller's transaction, the campaign's budget already reserved for {@code estimate}: a new
     * production job retrying the failed one, adopting every clip it has, making the rest.
     */
    public Production retry(UUID failedJobId, String sceneId, BigDecimal estimate, String idempotencyKey,
                            String requestHash) {
        record Failed(UUID clientId, UUID campaignId, UUID storyboardId, int version, String aspectRatio,
                      int scenesTotal) {
        }
        Failed failed = jdbc.sql("""
                select client_id, campaign_id, storyboard_id, version, aspect_ratio, scenes_total
                from productions where job_id = :id
                """).param("id", failedJobId).query(Rows.of(Failed.class)).single();
        UUID jobId = UUID.randomUUID();
        UUID correlationId = UUID.randomUUID();
        var input = new ProductionJobInput(failed.storyboardId(), failed.version(), failedJobId, sceneId);
        if (!jobs.insertQueued(new JobTransitions.NewJob(jobId, failed.clientId(), failed.campaignId(), JobKind.AD,
                json.writeValueAsString(input), null, correlationId, estimate, idempotencyKey, requestHash,
                failedJobId))) {
            throw new IllegalStateException("the idempotency key " + idempotencyKey + " names another job");
        }
        jdbc.sql("""
                insert into productions (job_id, client_id, campaign_id, storyboard_id, version, aspect_ratio, scenes_total,
                                         retry_of)
                select :jobId, client_id, campaign_id, storyboard_id, version, aspect_ratio, scenes_total, job_id
                from productions where job_id = :failed
                """).param("jobId", jobId).param("failed", failedJobId).update();
        for (SceneState scene : scenes(failedJobId)) {
            insertScene(jobId, scene.position(), scene.sceneId(), scene.durationS(), scene.clip());
        }
        outbox.sendCommand(JobCommands.forJob(JobKind.AD, jobId, correlationId));
        return new Production(jobId, estimate, true);
    }

    /** An export of an ad, as found or started. {@code created}: false when an identical one existed. */
    public record Export(UUID exportId, UUID jobId, boolean created) {
    }

    /**
     * In the caller's transaction: the export of {@code adId} in this format, resolution and aspect
     * ratio, with its job and command; or the identical export already asked for (a concurrent
     * identical request waits on the unique key, then its transaction fails: asked again, it finds the first).
     */
    public Export export(UUID adId, String format, int resolution, String aspectRatio, String idempotencyKey,
                         String requestHash) {
        record Ad(UUID clientId, UUID campaignId) {
        }
        Ad ad = jdbc.sql("select client_id, campaign_id from ads where id = :id").param("id", adId)
                .query(Rows.of(Ad.class)).single();
        var found = findExport(adId, format, resolution, aspectRatio);
        if (found.isPresent()) {
            return found.get();
        }
        UUID exportId = UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        UUID correlationId = UUID.randomUUID();
        var input = new ExportJobInput(adId, exportId, format, resolution, aspectRatio);
        if (!jobs.insertQueued(new JobTransitions.NewJob(jobId, ad.clientId(), ad.campaignId(), JobKind.EXPORT,
                json.writeValueAsString(input), null, correlationId, BigDecimal.ZERO.setScale(4), idempotencyKey,
                requestHash))) {
            throw new IllegalStateException("the idempotency key " + idempotencyKey + " names another job");
        }
        jdbc.sql("""
                insert into ad_exports (id, ad_id, client_id, campaign_id, job_id, format, resolution, aspect_ratio)
                values (:id, :adId, :clientId, :campaignId, :jobId, :format, :resolution, :ratio)
                """).param("id", exportId).param("adId", adId).param("clientId", ad.clientId())
                .param("campaignId", ad.campaignId()).param("jobId", jobId).param("format", format)
                .param("resolution", resolution).param("ratio", aspectRatio).update();
        outbox.sendCommand(JobCommands.forJob(JobKind.EXPORT, jobId, correlationId));
        return new Export(exportId, jobId, true);
    }

    public Optional<Export> findExport(UUID adId, String format, int resolution, String aspectRatio) {
        return jdbc.sql("""
                select id as export_id, job_id, false as created from ad_exports
                where ad_id = :adId and format = :format and resolution = :resolution and aspect_ratio = :ratio
                """).param("adId", adId).param("format", format).param("resolution", resolution)
                .param("ratio", aspectRatio).query(Rows.of(Export.class)).optional();
    }

    private boolean hasApprovedPreview(UUID storyboardId, String sceneId) {
        return jdbc.sql("""
                select exists (select 1 from storyboard_previews p join jobs j on j.id = p.job_id
                               where p.storyboard_id = :storyboard and p.scene_id = :scene and p.approved
                                 and j.status = 'succeeded')
                """).param("storyboard", storyboardId).param("scene", sceneId).query(Boolean.class).single();
    }

    private BigDecimal estimateOf(UUID jobId) {
        return jdbc.sql("select estimated_cost_usd from jobs where id = :id").param("id", jobId)
                .query(BigDecimal.class).single();
    }

    private void insertProduction(UUID jobId, UUID clientId, UUID campaignId, UUID storyboardId, int version,
                                  StoryboardContent content, UUID retryOf) {
        jdbc.sql("""
                insert into productions (job_id, client_id, campaign_id, storyboard_id, version, aspect_ratio, scenes_total,
                                         retry_of)
                values (:jobId, :clientId, :campaignId, :storyboardId, :version, :ratio, :total, :retryOf)
                """).param("jobId", jobId).param("clientId", clientId).param("campaignId", campaignId)
                .param("storyboardId", storyboardId).param("version", version)
                .param("ratio", content.direction().aspectRatio()).param("total", content.scenes().size())
                .param("retryOf", retryOf).update();
    }

    private void insertScene(UUID jobId, int position, String sceneId, int durationS, UUID clip) {
        jdbc.sql("""
                insert into production_scenes (production_job_id, position, scene_id, duration_s, clip_video_id)
                values (:jobId, :position, :sceneId, :duration, :clip)
                """).param("jobId", jobId).param("position", position).param("sceneId", sceneId)
                .param("duration", durationS).param("clip", clip).update();
    }
}
