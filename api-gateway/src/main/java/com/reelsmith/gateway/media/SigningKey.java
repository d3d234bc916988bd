package com.reelsmith.gateway.media;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key that signs media links: MEDIA_SIGNING_KEY when set, else one generated once and kept
 * in the database, so every gateway instance signs alike and links outlive a restart.
 */
@Component
class SigningKey {

    private final byte[] key;

    SigningKey(JdbcClient jdbc, @Value("${reelsmith.media.signing-key:}") String configured) {
        if (configured != null && !configured.isBlank()) {
            this.key = configured.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return;
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("insert into settings (name, value) values ('media_signing_key', :value) on conflict (name) do nothing")
                .param("value", Base64.getEncoder().encodeToString(fresh)).update();
        this.key = Base64.getDecoder().decode(jdbc.sql("select value from settings where name = 'media_signing_key'")
                .query(String.class).single());
    }

    byte[] bytes() {
        return key.clone();
    }
}
