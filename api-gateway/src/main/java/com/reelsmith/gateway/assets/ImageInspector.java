package com.reelsmith.gateway.assets;

import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.platform.media.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;
import javax.imageio.ImageIO;
import org.springframework.http.HttpStatus;

/** Tells an upload's type from its bytes and reads its size, refusing what is not an image. */
final class ImageInspector {

    record Inspected(String contentType, Integer width, Integer height) {
    }

    static final long MAX_PIXELS = 50_000_000;

    static final Set<String> ACCEPTED = Set.of(MediaTypes.PNG, MediaTypes.JPEG, MediaTypes.WEBP, MediaTypes.GIF);

    private ImageInspector() {
    }

    static Inspected inspect(byte[] bytes) {
        String type = MediaTypes.sniff(bytes).filter(ACCEPTED::contains).orElseThrow(() -> new ApiException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "the file is not an image we accept; upload PNG, JPEG, WebP or GIF", "file"));
        if (MediaTypes.WEBP.equals(type)) {
            return new Inspected(type, null, null); // the JDK reads no WebP; keep it, size unknown
        }
        try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            var readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw unreadable();
            }
            var reader = readers.next();
            try {
                reader.setInput(input);
                // the header's size first: a tiny file can claim 20000x20000 and make a decode allocate gigabytes
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw ApiException.invalid("file", "the image is " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + "; at most " + MAX_PIXELS / 1_000_000 + " megapixels are accepted");
                }
                var image = reader.read(0);
                return new Inspected(type, image.getWidth(), image.getHeight());
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

    private static ApiException unreadable() {
        return ApiException.invalid("file", "the file looks like an image but cannot be decoded; is it truncated?");
    }
}
