package com.reelsmith.videoworker;

import com.reelsmith.model.MediaRef;
import com.reelsmith.model.VideoJobInput;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.VideoRequest;
import com.reelsmith.work.GenerationProvider;
import com.reelsmith.work.JobFailures;
import com.reelsmith.work.JobLog;
import com.reelsmith.work.LeaseKeeper;
import com.reelsmith.work.LoadedMedia;
import com.reelsmith.work.MediaSources;
import com.reelsmith.work.ResultRecorder;
import com.reelsmith.work.StepResult;
import com.reelsmith.work.WorkerIdentity;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The video step itself: a running job (ours) and its start frame in, an MP4 recorded or a failure out. */
@Component
class VideoRenderer {

    private static final Logger log = LoggerFactory.getLogger(VideoRenderer.class);

    private final GenerationProvider provider;
    private final MediaSources sources;
    private final ResultRecorder results;
    private final JobFailures failures;
    private final LeaseKeeper leases;
    private final JobTransitions jobs;
    private final WorkerIdentity worker;

    VideoRenderer(GenerationProvider provider, MediaSources sources, ResultRecorder results, JobFailures failures,
                  LeaseKeeper leases, JobTransitions jobs, WorkerIdentity worker) {
        this.provider = provider;
        this.sources = sources;
        this.results = results;
        this.failures = failures;
        this.leases = leases;
        this.jobs = jobs;
        this.worker = worker;
    }

    void render(Job job, VideoJobInput input, MediaRef startFrame) {
        try (var logContext = JobLog.of(job)) {
            step(job, input, startFrame);
        }
    }

    /** A video job waiting on its prediction: look again. */
    void poll(Job job, VideoJobInput input, UUID sourceImageId) {
        try (var logContext = JobLog.of(job)) {
            step(job, input, sourceImageId == null ? null : new MediaRef(MediaRef.IMAGE, sourceImageId));
        }
    }

    private void step(Job job, VideoJobInput input, MediaRef startFrame) {
        try (var lease = leases.keep(job.id())) {
            StepResult result;
            if (job.awaitsPrediction()) {
                result = provider.poll(job);
            } else {
                log.info("video job {} rendering from {} {} (attempt {}/{})", job.id(), startFrame.type(), startFrame.id(),
                        job.attempts(), job.maxAttempts());
                LoadedMedia start = sources.load(startFrame, job.clientId()).orElseThrow(() -> new ProviderException(
                        "reference_not_found", "the start frame " + startFrame.type() + " " + startFrame.id()
                        + " no longer exists", false));
                jobs.progress(job.id(), worker.id(), 50, "generating_video");
                result = provider.video(job, new VideoRequest(job.id(), input.prompt(), start.image(),
                        input.durationS() == null ? 5 : input.durationS(), input.mode() == null ? "standard" : input.mode(),
                        input.negativePrompt(), input.aspectRatio()), start);
            }
            if (result instanceof StepResult.Done done) {
                UUID sourceImage = startFrame != null && MediaRef.IMAGE.equals(startFrame.type()) ? startFrame.id() : null;
                if (results.recordVideo(job, input.prompt(), sourceImage, done.media(), done.providerUrl(),
                        job.estimatedCostUsd())) {
                    log.info("video job {} succeeded: {}x{}, {} ms", job.id(), done.media().width(), done.media().height(),
                            done.media().durationMs());
                } else {
                    log.info("video job {} was canceled or taken over meanwhile; result dropped", job.id());
                }
            } else if (result instanceof StepResult.Waiting waiting) {
                log.info("video job {} waits on prediction {}", job.id(), waiting.predictionId());
            }
        } catch (ProviderException e) {
            failures.failed(job, e);
        } catch (RuntimeException e) {
            log.error("video job {} hit an unexpected error", job.id(), e);
            failures.failed(job, "internal_error", "unexpected error in the video worker: " + e.getMessage(), true);
        }
    }
}
