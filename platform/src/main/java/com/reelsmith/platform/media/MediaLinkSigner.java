package com.reelsmith.platform.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signs media links: HMAC-SHA256 over "{kind}/{id}/{expires}" with MEDIA_SIGNING_KEY, or with a
 * key generated once and kept in the database, so every gateway and worker signs alike and links
 * outlive restarts. The gateway checks links with it; workers make links a provider can fetch.
 */
public class MediaLinkSigner {

    private final byte[] key;

    public MediaLinkSigner(byte[] key) {
        this.key = key.clone();
    }

    public static MediaLinkSigner from(JdbcClient jdbc, String configuredKey) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            return new MediaLinkSigner(configuredKey.getBytes(StandardCharsets.UTF_8));
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("insert into settings (name, value) values ('media_signing_key', :value) on conflict (name) do nothing")
                .param("value", Base64.getEncoder().encodeToString(fresh)).update();
        return new MediaLinkSigner(Base64.getDecoder().decode(jdbc.sql(
                "select value from settings where name = 'media_signing_key'").query(String.class).single()));
    }

    /** kind: "images" or "videos", as in the path /api/{kind}/{id}/data. */
    public String signature(String kind, UUID id, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((kind + "/" + id + "/" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path and query of a signed link, to put after a base URL. */
    public String path(String kind, UUID id, long expiresEpochSecond) {
        return "/api/" + kind + "/" + id + "/data?expires=" + expiresEpochSecond + "&signature="
                + signature(kind, id, expiresEpochSecond);
    }
}
