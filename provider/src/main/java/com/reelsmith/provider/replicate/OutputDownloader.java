package com.reelsmith.provider.replicate;

import com.reelsmith.provider.ProviderException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Copies a prediction's output at once (Replicate deletes outputs after an hour). Sends no
 * credentials to the file host, stops past the size limit, and tells the type from the bytes.
 */
public class OutputDownloader {

    /** The bytes and the content type their magic numbers say. */
    public record Downloaded(byte[] bytes, String contentType) {
    }

    private final HttpClient http;
    private final long maxBytes;
    private final Duration timeout;

    public OutputDownloader(HttpClient http, long maxBytes, Duration timeout) {
        this.http = http;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    public Downloaded download(String url) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ProviderException("provider_unavailable", "cannot download the output (" + e.getClass().getSimpleName()
                    + "); will retry", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("provider_unavailable", "interrupted while downloading the output", true, e);
        }
        int status = response.statusCode();
        if (status == 404 || status == 410) {
            drain(response);
            throw new ProviderException("output_expired", "the output is gone from the provider (outputs are deleted "
                    + "an hour after the prediction); the job has to run again", false);
        }
        if (status / 100 != 2) {
            drain(response);
            throw new ProviderException("provider_unavailable", "the output download answered " + status + "; will retry",
                    status >= 500 || status == 429);
        }
        byte[] bytes = readLimited(response.body());
        String type = sniff(bytes);
        if (type == null) {
            throw new ProviderException("output_unrecognised",
                    "the provider's output is not an image or video Reelsmith recognises", false);
        }
        return new Downloaded(bytes, type);
    }

    private byte[] readLimited(InputStream in) {
        try (in) {
            var out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + n > maxBytes) {
                    throw new ProviderException("output_too_large", "the output is larger than " + maxBytes + " bytes", false);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ProviderException("provider_unavailable", "the output download broke off; will retry", true, e);
        }
    }

    private static void drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.transferTo(OutputStreamNull.INSTANCE);
        } catch (IOException ignored) {
            // the connection is dropped instead of reused
        }
    }

    static String sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
                && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        if (b.length >= 8 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            return "video/mp4";
        }
        return null;
    }

    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
            // discarded
        }
    }
}
