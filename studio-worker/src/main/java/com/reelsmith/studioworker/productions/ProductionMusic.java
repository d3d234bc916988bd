package com.reelsmith.studioworker.productions;

import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.media.MediaStore;
import com.reelsmith.platform.pricing.PriceTable;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.replicate.Prediction;
import com.reelsmith.studioworker.music.AudioDirection;
import com.reelsmith.studioworker.music.MusicBed;
import com.reelsmith.work.WorkerIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A production's music bed. A bed this production (or the failed one it retries) already bought
 * is kept in the media store and used again, so a retried assembly never pays twice. Otherwise
 * the offline bed is composed on the spot, or (on Replicate) a prediction is started with the
 * gateway's webhook URL and the production job parks on it, as an image or clip job does: no
 * thread waits. The signed webhook (or the sweeper's look, when a webhook is lost) hands the job
 * back; {@link #collect} charges the prediction once, keeps its audio and lets go of it.
 */
class ProductionMusic {

    private static final Logger log = LoggerFactory.getLogger(ProductionMusic.class);
    static final String STAGE = "music";

    /** What asking for the bed came to: a bed to assemble with, or a prediction the job now waits on. */
    sealed interface Music {
    }

    /** {@code file} in the work directory, {@code source} what made it (the ad's {@code music}). */
    record Bed(Path file, String source) implements Music {
    }

    /** The job waits on this prediction (it is no longer this worker's until it is handed back). */
    record Started(String predictionId) implements Music {
    }

    private final ProductionRows rows;
    private final MediaStore store;
    private final JobTransitions jobs;
    private final WorkerIdentity worker;
    private final PriceTable prices;
    private final MusicBed offline;
    private final ReplicateMusic remote;
    private final String webhookBase;
    private final Duration lookEvery;

    /** {@code offline} or {@code remote}, the other null; {@code publicBaseUrl} blank: no webhook, looks only. */
    ProductionMusic(ProductionRows rows, MediaStore store, JobTransitions jobs, WorkerIdentity worker, PriceTable prices,
                    MusicBed offline, ReplicateMusic remote, String publicBaseUrl, Duration lookEvery) {
        this.rows = rows;
        this.store = store;
        this.jobs = jobs;
        this.worker = worker;
        this.prices = prices;
        this.offline = offline;
        this.remote = remote;
        this.webhookBase = publicBaseUrl == null || publicBaseUrl.isBlank() ? null
                : publicBaseUrl.replaceAll("/+$", "") + "/api/webhooks/replicate";
        this.lookEvery = lookEvery;
    }

    /** The bed for {@code job}'s assembly, in {@code work}; or a prediction started for it. */
    Music forAssembly(Job job, AudioDirection direction, double durationS, Path work) {
        Optional<Bed> kept = kept(job, work);
        if (kept.isPresent()) {
            return kept.get();
        }
        if (remote == null) {
            return new Bed(offline.compose(direction, durationS, work), offline.name());
        }
        String webhook = webhookBase == null ? null : webhookBase + "?job_id=" + job.id();
        Prediction prediction = remote.start(direction, durationS, webhook);
        log.info("production {}: music prediction {} created ({})", job.id(), prediction.id(), remote.name());
        if (!park(job, prediction.id(), Duration.ZERO)) {
            // canceled (or taken over) while the prediction was being created: nobody will collect it
            cancelQuietly(prediction.id());
        }
        return new Started(prediction.id());
    }

    /**
     * {@code job} was handed back while it waits on its music prediction. True when the bed is kept
     * (and the prediction let go); false when the job waits on it again (still running, or
     * Replicate was not reachable just now).
     */
    boolean collect(Job job) {
        if (rows.keptFrom(job.id(), job.predictionId())) {
            jobs.forgetPrediction(job.id(), worker.id()); // kept by an attempt that stopped before it let go
            return true;
        }
        if (remote == null) {
            throw new ProviderException("music_failed", "job " + job.id() + " waits on a music prediction, but this "
                    + "worker makes music offline", false);
        }
        Prediction prediction;
        try {
            prediction = remote.look(job.predictionId());
        } catch (ProviderException e) {
            return lookAgainLater(job, e);
        }
        if (!prediction.isTerminal()) {
            park(job, prediction.id(), Duration.ZERO);
            return false;
        }
        if (!prediction.succeeded()) {
            throw prediction.failure();
        }
        // billed now, whatever happens to the job next; once per prediction however often it is collected
        BigDecimal cost = prices.music(false, prediction.predictTimeSeconds());
        jobs.chargeUsd(job.id(), worker.id(), prediction.id(), cost);
        if (prediction.output().isEmpty()) {
            throw new ProviderException("music_failed", "the music prediction succeeded without an output", true);
        }
        byte[] audio;
        try {
            audio = remote.download(prediction.output().get(0));
        } catch (ProviderException e) {
            if (!e.retryable()) {
                // the output is gone: the next attempt has to buy another bed
                jobs.forgetPrediction(job.id(), worker.id());
                throw new ProviderException(e.code(), e.getMessage(), true);
            }
            return lookAgainLater(job, e);
        }
        var stored = store.put(audio, isWav(audio) ? "audio/wav" : "application/octet-stream");
        rows.keepMusic(job.id(), stored.key(), remote.name(), cost, prediction.id());
        jobs.forgetPrediction(job.id(), worker.id());
        log.info("production {}: music prediction {} collected ({} bytes, {} USD)", job.id(), prediction.id(),
                audio.length, cost);
        return true;
    }

    /** The bed kept for this production or the one it retries, copied into {@code work}. */
    private Optional<Bed> kept(Job job, Path work) {
        var music = rows.music(job.id());
        if (music.isEmpty()) {
            return Optional.empty();
        }
        Path file = work.resolve("music.wav");
        try (InputStream in = store.get(music.get().storageKey()).getInputStream()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UncheckedIOException e) {
            log.warn("production {}: the kept music bed {} cannot be read ({}); making another", job.id(),
                    music.get().storageKey(), e.getMessage());
            return Optional.empty();
        }
        log.info("production {}: music bed reused (bought by production {})", job.id(), music.get().jobId());
        return Optional.of(new Bed(file, music.get().source()));
    }

    private boolean lookAgainLater(Job job, ProviderException e) {
        if (!e.retryable()) {
            throw e;
        }
        log.warn("production {}: cannot look at music prediction {} now ({}); looking again later", job.id(),
                job.predictionId(), e.getMessage());
        park(job, job.predictionId(), e.retryAfter().orElse(Duration.ZERO));
        return false;
    }

    /** With a webhook the look is only the safety net under it, so it can be lazier. */
    private boolean park(Job job, String predictionId, Duration atLeast) {
        Duration next = webhookBase == null ? lookEvery : lookEvery.multipliedBy(5);
        if (next.compareTo(atLeast) < 0) {
            next = atLeast;
        }
        return jobs.awaitPrediction(job.id(), worker.id(), "replicate", predictionId, Instant.now().plus(next), 84, STAGE);
    }

    private void cancelQuietly(String predictionId) {
        try {
            remote.cancel(predictionId);
        } catch (RuntimeException e) {
            log.warn("could not cancel music prediction {}: {}", predictionId, e.getMessage());
        }
    }

    private static boolean isWav(byte[] audio) {
        return audio.length >= 4 && audio[0] == 'R' && audio[1] == 'I' && audio[2] == 'F' && audio[3] == 'F';
    }
}
