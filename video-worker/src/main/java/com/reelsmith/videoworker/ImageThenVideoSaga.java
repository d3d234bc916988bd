package com.reelsmith.videoworker;

import com.reelsmith.model.ImageJobInput;
import com.reelsmith.model.JobFinished;
import com.reelsmith.model.JobKind;
import com.reelsmith.model.MediaRef;
import com.reelsmith.model.VideoJobInput;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobCommands;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.platform.messaging.PoisonMessage;
import com.reelsmith.platform.messaging.ProcessedMessages;
import com.reelsmith.work.JobFailures;
import com.reelsmith.work.WorkerIdentity;
import com.reelsmith.work.WorkerProperties;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * A video job, and the image-then-video saga for one with no start frame. Its states
 * ({@code jobs.saga_state}) and transitions, each one conditional SQL update:
 *
 * <pre>
 *  on video.generate   claimed, start frame given          -> render video                  -> succeeded | failed | retrying
 *  on video.generate   claimed, no start frame, no saga yet  -> child image job + its command -> waiting (waiting_for_image)
 *  on image.succeeded  waiting_for_image                     -> running (generating_video)    -> render video from the child's image
 *  on image.failed     waiting_for_image                     -> failed with the child's error
 *  deadline passed     waiting_for_image                     -> failed (start_image_timeout), child canceled
 *  on video.generate   claimed, generating_video (a retry or a lost worker) -> render video from the child's image
 *  on video.generate   waiting on its prediction (a remote provider)  -> look at the prediction again
 * </pre>
 *
 * No thread waits for the child: the job waits in Postgres and the event resumes it.
 */
@Component
class ImageThenVideoSaga {

    static final String WAITING_FOR_IMAGE = "waiting_for_image";
    static final String GENERATING_VIDEO = "generating_video";
    static final String CONSUMER = "video-worker.image-events";

    private static final Logger log = LoggerFactory.getLogger(ImageThenVideoSaga.class);

    private final JobTransitions jobs;
    private final VideoRenderer renderer;
    private final JobFailures failures;
    private final ProcessedMessages processed;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final WorkerIdentity worker;
    private final WorkerProperties properties;
    private final ObjectMapper json;

    ImageThenVideoSaga(JobTransitions jobs, VideoRenderer renderer, JobFailures failures, ProcessedMessages processed,
                       Outbox outbox, JdbcClient jdbc, TransactionTemplate transaction, WorkerIdentity worker,
                       WorkerProperties properties, ObjectMapper json) {
        this.jobs = jobs;
        this.renderer = renderer;
        this.failures = failures;
        this.processed = processed;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.worker = worker;
        this.properties = properties;
        this.json = json;
    }

    void onVideoCommand(UUID jobId) {
        Job job = jobs.claim(jobId, JobKind.VIDEO, worker.id(), properties.lease()).orElse(null);
        if (job == null) {
            var existing = jobs.find(jobId).orElseThrow(() -> new PoisonMessage("no job " + jobId));
            if (existing.jobKind() != JobKind.VIDEO) {
                throw new PoisonMessage("job " + jobId + " is a " + existing.kind() + " job, sent to the wrong worker");
            }
            log.info("job {} is {} and not ours to take: duplicate or late command, ignored", jobId, existing.status());
            return;
        }
        VideoJobInput input = json.readValue(job.input(), VideoJobInput.class);
        if (job.awaitsPrediction()) {
            renderer.poll(job, input, input.start() != null && MediaRef.IMAGE.equals(input.start().type())
                    ? input.start().id() : childImage(job).orElse(null));
        } else if (input.start() != null) {
            renderer.render(job, input, input.start());
        } else if (GENERATING_VIDEO.equals(job.sagaState())) {
            renderFromChild(job, input);
        } else {
            startImageStep(job, input);
        }
    }

    void onImageFinished(JobFinished event) {
        if (event.parentJobId() == null) {
            return; // a client's own image job: no saga waits for it
        }
        Optional<Job> resumed = transaction.execute(status -> {
            if (!processed.firstDelivery(CONSUMER, event.messageId())) {
                log.info("image event {} already handled: duplicate ignored", event.messageId());
                return Optional.<Job>empty();
            }
            if (event.endedInSuccess()) {
                return jobs.resume(event.parentJobId(), WAITING_FOR_IMAGE, GENERATING_VIDEO, worker.id(), properties.lease());
            }
            String message = "the start image could not be generated: " + event.errorMessage();
            if (jobs.failWaiting(event.parentJobId(), event.errorCode(), message)) {
                outbox.publishEvent(JobFinished.failed(JobKind.VIDEO, event.parentJobId(), event.correlationId(), null,
                        event.errorCode(), message));
                log.warn("video job {} failed: its start image failed ({})", event.parentJobId(), event.errorCode());
            }
            return Optional.<Job>empty();
        });
        if (resumed != null && resumed.isPresent()) {
            Job job = resumed.get();
            renderFromChild(job, json.readValue(job.input(), VideoJobInput.class));
        }
    }

    private void startImageStep(Job job, VideoJobInput input) {
        UUID childId = UUID.randomUUID();
        var childInput = new ImageJobInput(input.prompt(), input.aspectRatio() == null ? "16:9" : input.aspectRatio(),
                "png", null, input.seed());
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                    insert into jobs (id, client_id, campaign_id, kind, status, input, parent_job_id, correlation_id)
                    values (:id, :clientId, :campaignId, 'image', 'queued', cast(:input as jsonb), :parentId, :correlationId)
                    """).param("id", childId).param("clientId", job.clientId()).param("campaignId", job.campaignId())
                    .param("input", json.writeValueAsString(childInput)).param("parentId", job.id())
                    .param("correlationId", job.correlationId()).update();
            outbox.sendCommand(JobCommands.forJob(JobKind.IMAGE, childId, job.correlationId()));
            if (!jobs.await(job.id(), worker.id(), WAITING_FOR_IMAGE, Instant.now().plus(properties.sagaDeadline()))) {
                status.setRollbackOnly(); // canceled meanwhile: no child
            }
        });
        log.info("video job {} has no start frame: start image requested as job {}", job.id(), childId);
    }

    private Optional<UUID> childImage(Job job) {
        return jdbc.sql("""
                select result_id from jobs
                where parent_job_id = :parentId and kind = 'image' and status = 'succeeded'
                order by finished_at desc limit 1
                """).param("parentId", job.id()).query(UUID.class).optional();
    }

    private void renderFromChild(Job job, VideoJobInput input) {
        Optional<UUID> image = childImage(job);
        if (image.isEmpty()) {
            failures.failed(job, "start_image_missing", "the generated start image of this video cannot be found", false);
            return;
        }
        renderer.render(job, input, new MediaRef(MediaRef.IMAGE, image.get()));
    }
}
