package com.reelsmith.studioworker.productions;

import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.replicate.OutputDownloader;
import com.reelsmith.provider.replicate.Prediction;
import com.reelsmith.provider.replicate.ReplicateClient;
import com.reelsmith.studioworker.music.AudioDirection;
import com.reelsmith.studioworker.music.MusicBed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Music from a model on Replicate ({@code meta/musicgen} by default), the audio direction as the
 * prompt. The prediction is looked at with a backoff (a quarter second, doubling to a few
 * seconds); the job runner's attempt deadline bounds the wait: past it the thread is interrupted,
 * the prediction canceled and the attempt retried.
 */
public class ReplicateMusicBed implements MusicBed {

    private static final Logger log = LoggerFactory.getLogger(ReplicateMusicBed.class);
    private static final Duration FIRST_LOOK = Duration.ofMillis(250);

    private final ReplicateClient client;
    private final OutputDownloader downloader;
    private final String model;
    private final Duration longestWait;

    public ReplicateMusicBed(ReplicateClient client, OutputDownloader downloader, String model, Duration longestWait) {
        this.client = client;
        this.downloader = downloader;
        this.model = model;
        this.longestWait = longestWait;
    }

    static String prompt(AudioDirection direction) {
        String text = direction.text() == null || direction.text().isBlank() ? "" : direction.text().trim() + ". ";
        return text + direction.mood() + " instrumental music bed for an ad, " + direction.tempoBpm()
                + " bpm, no vocals";
    }

    @Override
    public Path compose(AudioDirection direction, double durationS, Path workDir) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("prompt", prompt(direction));
        input.put("duration", (int) Math.ceil(durationS) + 1);
        input.put("output_format", "wav");
        input.put("normalization_strategy", "loudness");
        Prediction prediction = client.create(model, input, null);
        Duration wait = FIRST_LOOK;
        while (!prediction.isTerminal()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelQuietly(prediction.id());
                throw new ProviderException("music_timeout", "the music model did not finish within the attempt", true);
            }
            wait = wait.multipliedBy(2).compareTo(longestWait) > 0 ? longestWait : wait.multipliedBy(2);
            prediction = client.get(prediction.id());
        }
        if (!prediction.succeeded() || prediction.output().isEmpty()) {
            throw new ProviderException("music_failed", "the music model " + model + " gave no music: "
                    + (prediction.error() == null ? prediction.status() : prediction.error()), true);
        }
        var downloaded = downloader.download(prediction.output().get(0));
        String extension = downloaded.contentType() != null && downloaded.contentType().contains("mpeg") ? "mp3" : "wav";
        try {
            Path file = workDir.resolve("music." + extension);
            Files.write(file, downloaded.bytes());
            log.info("music from {} (prediction {}): {} bytes", model, prediction.id(), downloaded.bytes().length);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void cancelQuietly(String predictionId) {
        try {
            client.cancel(predictionId);
        } catch (RuntimeException e) {
            log.warn("could not cancel music prediction {}: {}", predictionId, e.getMessage());
        }
    }

    @Override
    public String name() {
        return "replicate:" + model;
    }
}
