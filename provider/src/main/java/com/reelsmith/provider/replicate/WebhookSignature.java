package com.reelsmith.provider.replicate;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a webhook delivery as Replicate signs it (the Standard Webhooks scheme): HMAC-SHA256
 * over {@code id.timestamp.rawBody}, keyed with the base64 part of the {@code whsec_} secret;
 * the header may list several {@code v1,<base64>} signatures. Always over the raw bytes: JSON
 * parsed and written again would not match.
 */
public final class WebhookSignature {

    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** Why a delivery was refused. */
    public static final class Rejected extends RuntimeException {
        Rejected(String reason) {
            super(reason);
        }
    }

    private WebhookSignature() {
    }

    public static void verify(String webhookId, String timestamp, String signatureHeader, byte[] rawBody, String secret,
                              Instant now) {
        if (webhookId == null || timestamp == null || signatureHeader == null) {
            throw new Rejected("missing webhook-id, webhook-timestamp or webhook-signature header");
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new Rejected("webhook-timestamp is not a number of seconds");
        }
        if (Math.abs(now.getEpochSecond() - sentAt) > TOLERANCE.toSeconds()) {
            throw new Rejected("webhook-timestamp is more than " + TOLERANCE.toMinutes() + " minutes from now");
        }
        byte[] expected = hmac(key(secret), webhookId, timestamp.trim(), rawBody);
        for (String entry : signatureHeader.trim().split("\\s+")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !"v1".equals(entry.substring(0, comma))) {
                continue;
            }
            try {
                if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(entry.substring(comma + 1)))) {
                    return;
                }
            } catch (IllegalArgumentException notBase64) {
                // a malformed entry never matches
            }
        }
        throw new Rejected("no webhook-signature entry matches");
    }

    /** The header value a sender would put: for tests and for a local stub of Replicate. */
    public static String sign(String webhookId, String timestamp, byte[] rawBody, String secret) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), webhookId, timestamp, rawBody));
    }

    private static byte[] key(String secret) {
        if (secret == null || !secret.startsWith("whsec_")) {
            throw new Rejected("the webhook secret must look like whsec_<base64>");
        }
        try {
            return Base64.getDecoder().decode(secret.substring("whsec_".length()));
        } catch (IllegalArgumentException e) {
            throw new Rejected("the webhook secret after whsec_ is not base64");
        }
    }

    private static byte[] hmac(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
