package com.reelsmith.gateway.media;

import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.platform.media.MediaLinkSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring links to media bytes, so a browser's {@code <video>} tag can play a result
 * without an API key: HMAC-SHA256 over "{kind}/{id}/{expires}". An altered or expired link is 403.
 */
@Component
public class MediaLinks {

    private final MediaLinkSigner signer;
    private final Duration ttl;
    private final Clock clock;

    MediaLinks(MediaLinkSigner signer, @Value("${reelsmith.media.link-ttl:1h}") Duration ttl) {
        this.signer = signer;
        this.ttl = ttl;
        this.clock = Clock.systemUTC();
    }

    /** kind: "images" or "videos", as in the path. */
    public String dataUrl(String kind, UUID id) {
        return signer.path(kind, id, Instant.now(clock).plus(ttl).getEpochSecond());
    }

    void verify(String kind, UUID id, Long expires, String signature) {
        if (expires == null || signature == null) {
            throw ApiException.unauthorized("missing_api_key",
                    "send your API key, or use the signed data_url from the media's metadata");
        }
        byte[] expected = signer.signature(kind, id, expires).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiException(HttpStatus.FORBIDDEN, "invalid_signature",
                    "this link's signature is not valid; take a fresh data_url from the media's metadata", null);
        }
        if (Instant.now(clock).getEpochSecond() > expires) {
            throw new ApiException(HttpStatus.FORBIDDEN, "link_expired",
                    "this link has expired; take a fresh data_url from the media's metadata", null);
        }
    }
}
