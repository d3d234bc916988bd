package com.reelsmith.gateway.auth;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * api_keys.last_used_at, kept off the request path: a request only notes the time in memory; a
 * background flush writes each key used since the last flush once, every minute by default
 * (reelsmith.auth.last-used-flush-interval). So a busy key costs one UPDATE a minute per gateway,
 * never one per request; a crash loses at most a minute of "last used".
 */
@Component
public class KeyUsage {

    private static final Logger log = LoggerFactory.getLogger(KeyUsage.class);

    private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final ScheduledExecutorService flusher;

    KeyUsage(JdbcClient jdbc, @Value("${reelsmith.auth.last-used-flush-interval:1m}") Duration interval) {
        this.jdbc = jdbc;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "api-key-usage-flush");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1000, interval.toMillis());
        flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** On every authenticated request: a map write, nothing more. */
    void used(UUID keyId) {
        if (keyId != null) {
            pending.put(keyId, Instant.now());
        }
    }

    /** Writes what was noted since the last flush: one row update per key. */
    public int flush() {
        int written = 0;
        for (UUID keyId : pending.keySet()) {
            Instant at = pending.remove(keyId);
            if (at == null) {
                continue;
            }
            written += jdbc.sql("""
                    update api_keys set last_used_at = greatest(coalesce(last_used_at, :at), :at) where id = :id
                    """).param("at", java.sql.Timestamp.from(at)).param("id", keyId).update();
        }
        return written;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("could not write api keys' last_used_at (tried again in a minute): {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        flusher.shutdownNow();
        flushQuietly();
    }
}
