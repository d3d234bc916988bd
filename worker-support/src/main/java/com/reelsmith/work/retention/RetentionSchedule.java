package com.reelsmith.work.retention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Trims old outbox rows and message ids every minute (see {@link MessageRetention}) and sweeps
 * the media store for leftovers every quarter of an hour (see {@link MediaSweep}). Every worker
 * instance runs both; they are idempotent, so instances racing over the same rows or files do
 * no harm.
 */
public class RetentionSchedule {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final MessageRetention retention;
    private final MediaSweep media;
    private final RetentionProperties properties;

    public RetentionSchedule(MessageRetention retention, MediaSweep media, RetentionProperties properties) {
        this.retention = retention;
        this.media = media;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${reelsmith.retention.interval:1m}", initialDelayString = "1m")
    void purge() {
        try {
            int removed = retention.purgeOlderThan(properties.keep());
            if (removed > 0) {
                log.info("retention: removed {} outbox rows and processed-message ids older than {}", removed,
                        properties.keep());
            }
        } catch (RuntimeException e) {
            log.warn("retention pass failed this time: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${reelsmith.retention.media-interval:15m}", initialDelayString = "2m")
    void sweepMedia() {
        try {
            MediaSweep.Result result = media.sweep();
            if (result.leftoverTempFiles() + result.orphans() > 0) {
                log.info("media sweep: removed {} unfinished temp files and {} stored files no row references ({} bytes)",
                        result.leftoverTempFiles(), result.orphans(), result.bytes());
            }
        } catch (RuntimeException e) {
            log.warn("media sweep failed this time: {}", e.getMessage());
        }
    }
}
