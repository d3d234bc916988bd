package com.reelsmith.work;

import com.reelsmith.model.MediaRef;
import com.reelsmith.provider.ReferenceImage;

/** Referenced media as bytes, what it is, and the provider's own URL for it while that is still fresh (else null). */
public record LoadedMedia(MediaRef ref, ReferenceImage image, String freshProviderUrl) {
}
