package com.reelsmith.studioworker.productions;

import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.replicate.Prediction;
import com.reelsmith.provider.replicate.ReplicateClient;
import com.reelsmith.studioworker.music.AudioDirection;
import com.reelsmith.studioworker.music.MusicBed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private static final long MAX_BYTES = 100L * 1024 * 1024;

    private final HttpClient http;
    private final String model;
    private final Duration longestWait;

    public ReplicateMusicBed(ReplicateClient client, HttpClient http, String model, Duration longestWait) {
        this.client = client;
        this.http = http;
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
        byte[] audio = download(prediction.output().get(0));
        try {
            Path file = workDir.resolve(audio.length >= 4 && audio[0] == 'R' && audio[1] == 'I' ? "music.wav" : "music.audio");
            Files.write(file, audio);
            log.info("music from {} (prediction {}): {} bytes", model, prediction.id(), audio.length);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model's audio file (the image/video downloader checks for pictures; this is sound). */
    private byte[] download(String url) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new ProviderException("music_failed", "the music file answered HTTP " + response.statusCode(),
                            true);
                }
                byte[] bytes = body.readNBytes((int) MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES || bytes.length == 0) {
                    throw new ProviderException("music_failed", "the music file is empty or larger than "
                            + MAX_BYTES + " bytes", false);
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new ProviderException("music_failed", "the music file could not be fetched: " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("music_timeout", "the music download was interrupted", true);
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
