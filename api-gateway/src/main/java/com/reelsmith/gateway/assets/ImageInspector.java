package com.reelsmith.gateway.assets;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.platform.media.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;
import javax.imageio.ImageIO;
import org.springframework.http.HttpStatus;

/**
 * Tells an upload's type from its bytes and reads its size, refusing what is not an image. What
 * this costs is bounded by us, not by the file: the size comes from the header and is capped
 * before any pixel is decoded, and the check decodes every row but keeps only a thumbnail's worth.
 */
final class ImageInspector {

    record Inspected(String contentType, Integer width, Integer height) {
    }

    /** An 8K frame is 33 MP; a camera's full-size photo 24 to 45 MP. Ads need no more. */
    static final long MAX_PIXELS = 40_000_000;

    /** What the check keeps in memory at most (about 4 MB): enough to prove the file decodes. */
    static final long CHECK_PIXELS = 1_000_000;

    static final Set<String> ACCEPTED = Set.of(MediaTypes.PNG, MediaTypes.JPEG, MediaTypes.WEBP, MediaTypes.GIF);

    /**
     * Each check is bounded, but N at once cost N times that (a progressive JPEG holds ~120 MB of
     * native memory at 40 MP whatever the subsampling): at most one decode per core runs; the
     * rest wait briefly, then are told to come back.
     */
    static final Semaphore DECODES = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    private ImageInspector() {
    }

    static Inspected inspect(byte[] bytes) {
        boolean acquired;
        try {
            acquired = DECODES.tryAcquire(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw ApiException.busy("uploads_busy", "too many uploads are being checked right now; try again shortly", 2);
        }
        try {
            return inspectNow(bytes);
        } finally {
            DECODES.release();
        }
    }

    private static Inspected inspectNow(byte[] bytes) {
        String type = MediaTypes.sniff(bytes).filter(ACCEPTED::contains).orElseThrow(() -> new ApiException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "the file is not an image we accept; upload PNG, JPEG, WebP or GIF", "file"));
        if (MediaTypes.WEBP.equals(type)) {
            // the JDK decodes no WebP: the header's size is all we can check, so it must be readable
            int[] size = WebpHeader.size(bytes).orElseThrow(() -> ApiException.invalid("file",
                    "the WebP file's header gives no size we can read; upload it as PNG or JPEG"));
            checkPixels(size[0], size[1]);
            return new Inspected(type, size[0], size[1]);
        }
        try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            var readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw unreadable();
            }
            var reader = readers.next();
            try {
                // ignore metadata: a text chunk of a few hundred KB can inflate to gigabytes before any pixel
                reader.setInput(input, true, true);
                // the header's size first: a tiny file can claim 20000x20000 and make a decode allocate gigabytes
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw unreadable();
                }
                checkPixels(width, height);
                var param = reader.getDefaultReadParam();
                int step = subsampling(width, height);
                param.setSourceSubsampling(step, step, 0, 0);
                reader.read(0, param);
                return new Inspected(type, width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw unreadable();
        }
    }

    /** Every step-th pixel of every step-th row: at most about CHECK_PIXELS are kept. */
    static int subsampling(int width, int height) {
        double ratio = (double) width * height / CHECK_PIXELS;
        return ratio <= 1 ? 1 : (int) Math.ceil(Math.sqrt(ratio));
    }

    private static void checkPixels(int width, int height) {
        if ((long) width * height > MAX_PIXELS) {
            throw ApiException.invalid("file", "the image is " + width + "x" + height
                    + "; at most " + MAX_PIXELS / 1_000_000 + " megapixels are accepted");
        }
    }

    private static ApiException unreadable() {
        return ApiException.invalid("file", "the file looks like an image but cannot be decoded; is it truncated?");
    }
}
