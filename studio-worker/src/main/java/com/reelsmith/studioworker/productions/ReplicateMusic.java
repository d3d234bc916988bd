package com.reelsmith.studioworker.productions;

import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.replicate.GuardedReplicate;
import com.reelsmith.provider.replicate.Prediction;
import com.reelsmith.studioworker.music.AudioDirection;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A music model on Replicate ({@code meta/musicgen} by default), the audio direction as the
 * prompt: a prediction started with the gateway's webhook URL and looked at by id when the job
 * waiting on it is handed back (see {@link ProductionMusic}). Nothing here waits on the model.
 */
class ReplicateMusic {

    private static final long MAX_BYTES = 100L * 1024 * 1024;

    private final GuardedReplicate client;
    private final HttpClient http;
    private final String model;

    ReplicateMusic(GuardedReplicate client, HttpClient http, String model) {
        this.client = client;
        this.http = http;
        this.model = model;
    }

    static String prompt(AudioDirection direction) {
        String text = direction.text() == null || direction.text().isBlank() ? "" : direction.text().trim() + ". ";
        return text + direction.mood() + " instrumental music bed for an ad, " + direction.tempoBpm()
                + " bpm, no vocals";
    }

    /** {@code webhook}: where Replicate says it completed (null: the sweeper's looks alone find out). */
    Prediction start(AudioDirection direction, double durationS, String webhook) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("prompt", prompt(direction));
        input.put("duration", (int) Math.ceil(durationS) + 1);
        input.put("output_format", "wav");
        input.put("normalization_strategy", "loudness");
        return client.create(model, input, webhook);
    }

    Prediction look(String predictionId) {
        return client.get(model, predictionId);
    }

    void cancel(String predictionId) {
        client.cancel(predictionId);
    }

    /** The model's audio file, fetched at once (Replicate deletes outputs after an hour). */
    byte[] download(String url) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 404 || response.statusCode() == 410) {
                    throw new ProviderException("music_expired", "the music file is gone (HTTP " + response.statusCode()
                            + "): Replicate deletes outputs an hour after the prediction", false);
                }
                if (response.statusCode() != 200) {
                    // as OutputDownloader: a server error or throttling passes, anything else will answer the same again
                    int status = response.statusCode();
                    throw new ProviderException("music_failed", "the music file answered HTTP " + status,
                            status >= 500 || status == 429);
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

    String name() {
        return "replicate:" + model;
    }
}
