package com.reelsmith.work;

import com.reelsmith.model.VideoJobInput;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.provider.GeneratedMedia;
import com.reelsmith.provider.ImageRequest;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.VideoFrames;
import com.reelsmith.provider.VideoRequest;
import com.reelsmith.provider.replicate.OutputDownloader;
import com.reelsmith.provider.replicate.Prediction;
import com.reelsmith.provider.replicate.GuardedReplicate;
import com.reelsmith.provider.replicate.ReplicateModels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * Replicate: create the prediction and store its id at once (a billed prediction is never lost
 * to a crash), leave the job waiting; on a poll, read the prediction and, when it succeeded,
 * download the output at once (Replicate deletes outputs after an hour).
 */
public class ReplicateGeneration implements GenerationProvider {

    private static final Logger log = LoggerFactory.getLogger(ReplicateGeneration.class);

    private final GuardedReplicate client;
    private final OutputDownloader downloader;
    private final ReplicateModels models;
    private final JobTransitions jobs;
    private final WorkerIdentity worker;
    private final String webhookBase;
    private final Duration pollEvery;
    private final ObjectMapper json;
    private final InputUrls inputs;

    public ReplicateGeneration(GuardedReplicate client, OutputDownloader downloader, ReplicateModels models,
                               JobTransitions jobs, WorkerIdentity worker, String publicBaseUrl, Duration pollEvery,
                               ObjectMapper json, InputUrls inputs) {
        this.json = json;
        this.inputs = inputs;
        this.client = client;
        this.downloader = downloader;
        this.models = models;
        this.jobs = jobs;
        this.worker = worker;
        this.webhookBase = publicBaseUrl == null || publicBaseUrl.isBlank() ? null
                : publicBaseUrl.replaceAll("/+$", "") + "/api/webhooks/replicate";
        this.pollEvery = pollEvery;
    }

    @Override
    public StepResult image(Job job, ImageRequest request, LoadedMedia reference) {
        List<String> references = reference == null ? List.of() : List.of(inputs.urlFor(reference, "the reference image"));
        return start(job, models.imageModel(), models.imageInput(request, references));
    }

    @Override
    public StepResult video(Job job, VideoRequest request, LoadedMedia startFrame) {
        return start(job, models.videoModel(), models.videoInput(request, inputs.urlFor(startFrame, "the start image")));
    }

    @Override
    public StepResult poll(Job job) {
        String model = "video".equals(job.kind()) ? models.videoModel() : models.imageModel();
        Prediction prediction;
        try {
            prediction = client.get(model, job.predictionId());
        } catch (ProviderException e) {
            return lookAgainLater(job, e);
        }
        if (!prediction.isTerminal()) {
            waitMore(job, prediction.id(), prediction.progressPercent(), prediction.status());
            return new StepResult.Waiting(prediction.id());
        }
        if (!prediction.succeeded()) {
            throw prediction.failure();
        }
        // the output is billed now, whatever happens to the job next (an expired download, a cancel)
        jobs.charge(job.id(), worker.id(), prediction.id());
        if (prediction.output().isEmpty()) {
            throw new ProviderException("provider_failed", "the prediction succeeded without an output", true);
        }
        String url = prediction.output().get(0);
        OutputDownloader.Downloaded downloaded;
        try {
            downloaded = downloader.download(url);
        } catch (ProviderException e) {
            return lookAgainLater(job, e);
        }
        log.info("job {}: prediction {} succeeded; output kept ({} bytes, {})", job.id(), prediction.id(),
                downloaded.bytes().length, downloaded.contentType());
        return new StepResult.Done(describe(job, downloaded.bytes(), downloaded.contentType()), url);
    }

    /**
     * A passing failure while looking at a running prediction (Replicate briefly unreachable, a
     * download that broke off) keeps the prediction and looks again later: retrying the job would
     * start a second prediction, billed again, while the first may still be running.
     */
    private StepResult lookAgainLater(Job job, ProviderException e) {
        if (!e.retryable()) {
            throw e;
        }
        log.warn("job {}: cannot look at prediction {} now ({}); looking again later", job.id(), job.predictionId(),
                e.getMessage());
        waitMore(job, job.predictionId(), job.progress(), "unreachable", e.retryAfter().orElse(Duration.ZERO));
        return new StepResult.Waiting(job.predictionId());
    }

    private StepResult start(Job job, String model, Map<String, Object> input) {
        String webhook = webhookBase == null ? null : webhookBase + "?job_id=" + job.id();
        Prediction prediction = client.create(model, input, webhook);
        log.info("job {}: prediction {} created on {}", job.id(), prediction.id(), model);
        if (!waitMore(job, prediction.id(), prediction.progressPercent(), prediction.status())) {
            // canceled (or taken over) while the prediction was being created: nobody will watch it
            log.info("job {} is no longer ours; canceling prediction {}", job.id(), prediction.id());
            try {
                client.cancel(prediction.id());
            } catch (RuntimeException e) {
                log.warn("could not cancel prediction {}: {}", prediction.id(), e.getMessage());
            }
        }
        return new StepResult.Waiting(prediction.id());
    }

    private boolean waitMore(Job job, String predictionId, int progress, String status) {
        return waitMore(job, predictionId, progress, status, Duration.ZERO);
    }

    /** {@code atLeast}: the provider (or the circuit breaker) said when to come back. */
    private boolean waitMore(Job job, String predictionId, int progress, String status, Duration atLeast) {
        // polls back off as the prediction runs longer (a video takes minutes); with webhooks the
        // poll is only the safety net, so it can be lazier still
        long waitedSeconds = Duration.between(job.createdAt(), Instant.now()).toSeconds();
        Duration next = pollEvery.multipliedBy(waitedSeconds < 30 ? 1 : waitedSeconds < 120 ? 3 : 10);
        if (webhookBase != null) {
            next = next.multipliedBy(5);
        }
        if (next.compareTo(atLeast) < 0) {
            next = atLeast;
        }
        return jobs.awaitPrediction(job.id(), worker.id(), "replicate", predictionId, Instant.now().plus(next), progress,
                "prediction_" + status);
    }

    private GeneratedMedia describe(Job job, byte[] bytes, String contentType) {
        try {
            if (contentType.startsWith("video/")) {
                var frame = ImageIO.read(new ByteArrayInputStream(VideoFrames.firstFramePng(bytes)));
                Integer duration = json.readValue(job.input(), VideoJobInput.class).durationS();
                int seconds = duration == null ? 5 : duration;
                return new GeneratedMedia(bytes, contentType, frame.getWidth(), frame.getHeight(), seconds * 1000, 24, "replicate");
            }
            var image = ImageIO.read(new ByteArrayInputStream(bytes));
            int width = image == null ? 0 : image.getWidth();
            int height = image == null ? 0 : image.getHeight();
            return new GeneratedMedia(bytes, contentType, width, height, null, null, "replicate");
        } catch (IOException e) {
            throw new ProviderException("output_unrecognised", "the output cannot be decoded: " + e.getMessage(), false, e);
        }
    }

    @Override
    public void cancelPrediction(String predictionId) {
        client.cancel(predictionId);
    }
}
