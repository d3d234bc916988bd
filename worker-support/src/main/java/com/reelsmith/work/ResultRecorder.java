package com.reelsmith.work;

import com.reelsmith.model.JobFinished;
import com.reelsmith.model.JobKind;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.media.MediaStore;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.provider.GeneratedMedia;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a finished job: bytes into the media store (content addressed, so a repeat is
 * harmless), then in one transaction the media row, the job's move to succeeded and the event.
 * If the job is no longer this worker's (canceled, or taken over after a lost lease) the
 * transaction rolls back and nothing is recorded.
 */
public class ResultRecorder {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final MediaStore store;
    private final JobTransitions jobs;
    private final Outbox outbox;
    private final WorkerIdentity worker;

    public ResultRecorder(JdbcClient jdbc, TransactionTemplate transaction, MediaStore store, JobTransitions jobs,
                          Outbox outbox, WorkerIdentity worker) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.store = store;
        this.jobs = jobs;
        this.outbox = outbox;
        this.worker = worker;
    }

    /** providerUrl: where the provider served it (kept while fresh, to hand back to it as an input). */
    public boolean recordImage(Job job, String prompt, GeneratedMedia media, String providerUrl, BigDecimal cost) {
        var stored = store.put(media.bytes(), media.contentType());
        UUID imageId = UUID.randomUUID();
        return commit(job, imageId, cost, () -> jdbc.sql("""
                insert into generated_images (id, job_id, client_id, campaign_id, prompt, provider, content_type, bytes,
                                              width, height, sha256, storage_key, provider_url)
                values (:id, :jobId, :clientId, :campaignId, :prompt, :provider, :contentType, :bytes,
                        :width, :height, :sha256, :storageKey, :providerUrl)
                """).param("id", imageId).param("jobId", job.id()).param("clientId", job.clientId())
                .param("campaignId", job.campaignId()).param("prompt", prompt).param("provider", media.provider())
                .param("contentType", media.contentType()).param("bytes", stored.bytes()).param("width", media.width())
                .param("height", media.height()).param("sha256", stored.sha256()).param("storageKey", stored.key())
                .param("providerUrl", providerUrl).update());
    }

    public boolean recordVideo(Job job, String prompt, UUID sourceImageId, GeneratedMedia media, String providerUrl,
                               BigDecimal cost) {
        var stored = store.put(media.bytes(), media.contentType());
        UUID videoId = UUID.randomUUID();
        return commit(job, videoId, cost, () -> jdbc.sql("""
                insert into generated_videos (id, job_id, client_id, campaign_id, prompt, provider, source_image_id,
                                              content_type, bytes, width, height, duration_ms, fps, sha256, storage_key,
                                              provider_url)
                values (:id, :jobId, :clientId, :campaignId, :prompt, :provider, :sourceImageId,
                        :contentType, :bytes, :width, :height, :durationMs, :fps, :sha256, :storageKey, :providerUrl)
                """).param("id", videoId).param("jobId", job.id()).param("clientId", job.clientId())
                .param("campaignId", job.campaignId()).param("prompt", prompt).param("provider", media.provider())
                .param("sourceImageId", sourceImageId).param("contentType", media.contentType())
                .param("bytes", stored.bytes()).param("width", media.width()).param("height", media.height())
                .param("durationMs", media.durationMs()).param("fps", media.fps()).param("sha256", stored.sha256())
                .param("storageKey", stored.key()).param("providerUrl", providerUrl).update());
    }

    /**
     * A result that is not media (a storyboard): {@code rows} writes it and returns its id, in the
     * same transaction as the job's move to succeeded and its event. Null when the job was no
     * longer ours (nothing is kept).
     */
    public UUID recordResult(Job job, BigDecimal cost, java.util.function.Supplier<UUID> rows) {
        return recordResult(job, cost, false, rows);
    }

    /**
     * As {@link #recordResult(Job, BigDecimal, java.util.function.Supplier)}; {@code settle}: the job
     * costs exactly {@code cost} and what is left of its estimate is released (a saga parent whose
     * estimate went to its children).
     */
    public UUID recordResult(Job job, BigDecimal cost, boolean settle, java.util.function.Supplier<UUID> rows) {
        return transaction.execute(status -> {
            UUID resultId = rows.get();
            boolean succeeded = settle ? jobs.succeedAtCost(job.id(), worker.id(), resultId, cost)
                    : jobs.succeed(job.id(), worker.id(), resultId, cost);
            if (!succeeded) {
                status.setRollbackOnly();
                return null;
            }
            outbox.publishEvent(JobFinished.succeeded(job.jobKind(), job.id(), job.correlationId(), job.parentJobId(),
                    resultId));
            return resultId;
        });
    }

    private boolean commit(Job job, UUID resultId, BigDecimal cost, Runnable insertMedia) {
        Boolean done = transaction.execute(status -> {
            insertMedia.run();
            if (!jobs.succeed(job.id(), worker.id(), resultId, cost)) {
                status.setRollbackOnly();
                return false;
            }
            JobKind kind = job.jobKind();
            outbox.publishEvent(JobFinished.succeeded(kind, job.id(), job.correlationId(), job.parentJobId(), resultId));
            return true;
        });
        return Boolean.TRUE.equals(done);
    }
}
