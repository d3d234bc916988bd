package com.reelsmith.work;

import com.reelsmith.provider.ReferenceImage;

/** Referenced media as bytes, and the provider's own URL for it while that is still fresh (else null). */
public record LoadedMedia(ReferenceImage image, String freshProviderUrl) {
}
