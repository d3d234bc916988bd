package com.reelsmith.gateway.auth;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keys look like {@code sk_<public-id>_<secret>}: the public id finds the row (and is safe to
 * show as the key's prefix), the secret is only ever checked against a bcrypt hash.
 */
final class ApiKeyFormat {

    record Parts(String publicId, String secret) {
        String prefix() {
            return "sk_" + publicId;
        }

        String key() {
            return prefix() + "_" + secret;
        }
    }

    private static final Pattern KEY = Pattern.compile("^sk_([a-z0-9]{8,32})_([A-Za-z0-9]{16,128})$");
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String MIXED = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + LOWER;

    private final SecureRandom random = new SecureRandom();

    Parts generate() {
        return new Parts(randomOf(LOWER, 12), randomOf(MIXED, 40));
    }

    static Optional<Parts> parse(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        var m = KEY.matcher(presented.trim());
        return m.matches() ? Optional.of(new Parts(m.group(1), m.group(2))) : Optional.empty();
    }

    private String randomOf(String alphabet, int length) {
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
