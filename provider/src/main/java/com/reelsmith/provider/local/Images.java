package com.reelsmith.provider.local;

import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.ReferenceImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Decoding and encoding of images for the local provider. */
final class Images {

    private Images() {
    }

    static BufferedImage decode(ReferenceImage reference, String what) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(reference.bytes()));
            if (image == null) {
                throw new ProviderException("invalid_input", what + " is not an image the local provider can read", false);
            }
            return image;
        } catch (IOException e) {
            throw new ProviderException("invalid_input", what + " cannot be decoded: " + e.getMessage(), false, e);
        }
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            var out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
