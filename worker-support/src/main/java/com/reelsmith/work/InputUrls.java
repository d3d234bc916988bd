package com.reelsmith.work;

import com.reelsmith.model.MediaRef;
import com.reelsmith.platform.media.MediaLinkSigner;
import com.reelsmith.provider.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * How a provider gets at an input image, in order of preference: the provider's own URL while it
 * is fresh; else a signed, expiring link to Reelsmith's copy under PUBLIC_BASE_URL (generated
 * images); else the bytes as a data URL when they are small enough (Replicate takes up to 256 KB).
 */
public class InputUrls {

    static final int DATA_URL_LIMIT = 256 * 1024;

    private final MediaLinkSigner signer;
    private final String publicBaseUrl;
    private final Duration linkTtl;
    private final Clock clock;

    public InputUrls(MediaLinkSigner signer, String publicBaseUrl, Duration linkTtl, Clock clock) {
        this.signer = signer;
        this.publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : publicBaseUrl.replaceAll("/+$", "");
        this.linkTtl = linkTtl;
        this.clock = clock;
    }

    public String urlFor(LoadedMedia media, String what) {
        if (media.freshProviderUrl() != null) {
            return media.freshProviderUrl();
        }
        if (publicBaseUrl != null && media.ref() != null && MediaRef.IMAGE.equals(media.ref().type())) {
            long expires = clock.instant().plus(linkTtl).getEpochSecond();
            return publicBaseUrl + signer.path("images", media.ref().id(), expires);
        }
        byte[] bytes = media.image().bytes();
        if (bytes.length <= DATA_URL_LIMIT) {
            return "data:" + media.image().contentType() + ";base64," + Base64.getEncoder().encodeToString(bytes);
        }
        throw new ProviderException("input_unreachable", what + " is larger than 256 KB and the provider cannot "
                + "fetch it: set PUBLIC_BASE_URL so Reelsmith can give it a signed link", false);
    }
}
