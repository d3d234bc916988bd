package com.reelsmith.imageworker;

import com.reelsmith.model.ImageJobInput;
import com.reelsmith.model.JobKind;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.messaging.PoisonMessage;
import com.reelsmith.provider.ImageRequest;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.work.GenerationProvider;
import com.reelsmith.work.JobFailures;
import com.reelsmith.work.JobLog;
import com.reelsmith.work.LeaseKeeper;
import com.reelsmith.work.LoadedMedia;
import com.reelsmith.work.MediaSources;
import com.reelsmith.work.ResultRecorder;
import com.reelsmith.work.StepResult;
import com.reelsmith.work.WorkerIdentity;
import com.reelsmith.work.WorkerProperties;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs one image job: take it (a conditional update, so a duplicate command does nothing),
 * call the provider with the lease kept alive, record the image, or record the failure.
 */
@Component
class ImageJobRunner {

    private static final Logger log = LoggerFactory.getLogger(ImageJobRunner.class);

    private final JobTransitions jobs;
    private final GenerationProvider provider;
    private final MediaSources sources;
    private final ResultRecorder results;
    private final JobFailures failures;
    private final LeaseKeeper leases;
    private final WorkerIdentity worker;
    private final WorkerProperties properties;
    private final ObjectMapper json;

    ImageJobRunner(JobTransitions jobs, GenerationProvider provider, MediaSources sources, ResultRecorder results,
                   JobFailures failures, LeaseKeeper leases, WorkerIdentity worker, WorkerProperties properties,
                   ObjectMapper json) {
        this.jobs = jobs;
        this.provider = provider;
        this.sources = sources;
        this.results = results;
        this.failures = failures;
        this.leases = leases;
        this.worker = worker;
        this.properties = properties;
        this.json = json;
    }

    void run(UUID jobId) {
        Job job = jobs.claim(jobId, JobKind.IMAGE, worker.id(), properties.lease()).orElse(null);
        if (job == null) {
            var existing = jobs.find(jobId).orElseThrow(() -> new PoisonMessage("no job " + jobId));
            if (existing.jobKind() != JobKind.IMAGE) {
                throw new PoisonMessage("job " + jobId + " is a " + existing.kind() + " job, sent to the wrong worker");
            }
            log.info("job {} is {} and not ours to take: duplicate or late command, ignored", jobId, existing.status());
            return;
        }
        try (var logContext = JobLog.of(job)) {
            runClaimed(job);
        }
    }

    private void runClaimed(Job job) {
        try (var lease = leases.keep(job.id())) {
            var input = json.readValue(job.input(), ImageJobInput.class);
            StepResult result;
            if (job.awaitsPrediction()) {
                result = provider.poll(job);
            } else {
                log.info("image job {} started (attempt {}/{})", job.id(), job.attempts(), job.maxAttempts());
                LoadedMedia reference = input.reference() == null ? null
                        : sources.load(input.reference(), job.clientId()).orElseThrow(() -> new ProviderException(
                        "reference_not_found", "the referenced " + input.reference().type() + " " + input.reference().id()
                        + " no longer exists", false));
                jobs.progress(job.id(), worker.id(), 20, "generating_image");
                result = provider.image(job, new ImageRequest(job.id(), input.prompt(),
                        reference == null ? List.of() : List.of(reference.image()), input.aspectRatio(),
                        input.outputFormat(), input.seed() == null ? 0L : input.seed()), reference);
            }
            if (result instanceof StepResult.Done done) {
                if (results.recordImage(job, input.prompt(), done.media(), done.providerUrl(), job.estimatedCostUsd())) {
                    log.info("image job {} succeeded: {}x{} {}", job.id(), done.media().width(), done.media().height(),
                            done.media().contentType());
                } else {
                    log.info("image job {} was canceled or taken over meanwhile; result dropped", job.id());
                }
            } else if (result instanceof StepResult.Waiting waiting) {
                log.info("image job {} waits on prediction {}", job.id(), waiting.predictionId());
            }
        } catch (ProviderException e) {
            failures.failed(job, e);
        } catch (RuntimeException e) {
            log.error("image job {} hit an unexpected error", job.id(), e);
            failures.failed(job, "internal_error", "unexpected error in the image worker: " + e.getMessage(), true);
        }
    }
}
