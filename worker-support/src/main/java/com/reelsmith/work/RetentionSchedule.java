package com.reelsmith.work;

import com.reelsmith.platform.messaging.Retention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Trims old outbox rows and message ids every few minutes (see {@link Retention}). */
public class RetentionSchedule {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final Retention retention;
    private final WorkerProperties properties;

    public RetentionSchedule(Retention retention, WorkerProperties properties) {
        this.retention = retention;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${reelsmith.worker.retention-interval:10m}", initialDelayString = "1m")
    void purge() {
        try {
            int removed = retention.purgeOlderThan(properties.retention());
            if (removed > 0) {
                log.info("retention: removed {} outbox rows and processed-message ids older than {}", removed,
                        properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("retention pass failed this time: {}", e.getMessage());
        }
    }
}
