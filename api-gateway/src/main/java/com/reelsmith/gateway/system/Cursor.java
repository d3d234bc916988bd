package com.reelsmith.gateway.system;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * A keyset position in a newest-first list: the (created_at, id) of the last row shown.
 * Opaque to clients; stable under inserts, unlike an offset.
 */
public record Cursor(Instant createdAt, UUID id) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /** created_at as the JDBC driver takes it for a timestamptz parameter. */
    public OffsetDateTime at() {
        return OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC);
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Sorts after every row, so the first page is just "rows before the start". */
    public static final Cursor START = new Cursor(Instant.parse("9999-12-31T00:00:00Z"), new UUID(-1L, -1L));

    /** The position to list from: {@link #START} when the client sent no cursor. */
    public static Cursor decode(String value) {
        if (value == null || value.isBlank()) {
            return START;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split(":", 2);
            long micros = Long.parseLong(parts[0]);
            // a row's created_at lies between these; outside them PostgreSQL may not even hold the value
            if (micros < 0 || micros > START_MICROS) {
                throw new IllegalArgumentException("position out of range");
            }
            return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ApiException.invalid("cursor", "cursor is not one this API gave out; pass next_cursor from the previous page");
        }
    }

    private static final long START_MICROS = START.createdAt().getEpochSecond() * 1_000_000L; // MICROS.between overflows here

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.invalid("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
