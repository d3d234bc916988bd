package com.reelsmith.videoworker;

import com.reelsmith.model.MediaRef;
import com.reelsmith.model.VideoJobInput;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.VideoGenerator;
import com.reelsmith.provider.VideoRequest;
import com.reelsmith.work.JobFailures;
import com.reelsmith.work.JobLog;
import com.reelsmith.work.LeaseKeeper;
import com.reelsmith.work.MediaSources;
import com.reelsmith.work.ResultRecorder;
import com.reelsmith.work.WorkerIdentity;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The video step itself: a running job (ours) and its start frame in, an MP4 recorded or a failure out. */
@Component
class VideoRenderer {

    private static final Logger log = LoggerFactory.getLogger(VideoRenderer.class);

    private final VideoGenerator generator;
    private final MediaSources sources;
    private final ResultRecorder results;
    private final JobFailures failures;
    private final LeaseKeeper leases;
    private final JobTransitions jobs;
    private final WorkerIdentity worker;

    VideoRenderer(VideoGenerator generator, MediaSources sources, ResultRecorder results, JobFailures failures,
                  LeaseKeeper leases, JobTransitions jobs, WorkerIdentity worker) {
        this.generator = generator;
        this.sources = sources;
        this.results = results;
        this.failures = failures;
        this.leases = leases;
        this.jobs = jobs;
        this.worker = worker;
    }

    void render(Job job, VideoJobInput input, MediaRef startFrame) {
        try (var logContext = JobLog.of(job)) {
            renderClaimed(job, input, startFrame);
        }
    }

    private void renderClaimed(Job job, VideoJobInput input, MediaRef startFrame) {
        try (var lease = leases.keep(job.id())) {
            log.info("video job {} rendering from {} {} (attempt {}/{})", job.id(), startFrame.type(), startFrame.id(),
                    job.attempts(), job.maxAttempts());
            var start = sources.load(startFrame, job.clientId()).orElseThrow(() -> new ProviderException(
                    "reference_not_found", "the start frame " + startFrame.type() + " " + startFrame.id()
                    + " no longer exists", false));
            jobs.progress(job.id(), worker.id(), 50, "generating_video");
            var media = generator.generateVideo(new VideoRequest(job.id(), input.prompt(), start,
                    input.durationS() == null ? 5 : input.durationS(), input.mode() == null ? "standard" : input.mode(),
                    input.negativePrompt(), input.aspectRatio()));
            var sourceImage = MediaRef.IMAGE.equals(startFrame.type()) ? startFrame.id() : null;
            if (results.recordVideo(job, input.prompt(), sourceImage, media, BigDecimal.ZERO)) {
                log.info("video job {} succeeded: {}x{}, {} ms", job.id(), media.width(), media.height(), media.durationMs());
            } else {
                log.info("video job {} was canceled or taken over meanwhile; result dropped", job.id());
            }
        } catch (ProviderException e) {
            failures.failed(job, e.code(), e.getMessage(), e.retryable());
        } catch (RuntimeException e) {
            log.error("video job {} hit an unexpected error", job.id(), e);
            failures.failed(job, "internal_error", "unexpected error in the video worker: " + e.getMessage(), true);
        }
    }
}
