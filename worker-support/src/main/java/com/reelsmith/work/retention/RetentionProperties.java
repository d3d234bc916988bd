package com.reelsmith.work.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * keep: how long published outbox rows and processed-message ids are kept (RETENTION_KEEP).
 * interval: how often they are trimmed; passBudget: the longest one trimming pass deletes before
 * it leaves the rest to the next; batch: rows per delete statement, so no statement holds locks
 * for long. mediaInterval: how often the media store is swept; mediaGrace: how old a file must be
 * before the sweep may remove it, an unfinished upload's temp file or a stored file no row
 * references (MEDIA_ORPHAN_GRACE): longer than any attempt between storing bytes and recording
 * them, so a result being recorded is never taken for an orphan.
 */
@ConfigurationProperties("reelsmith.retention")
public record RetentionProperties(Duration keep, Duration interval, Duration passBudget, Integer batch,
                                  Duration mediaInterval, Duration mediaGrace) {

    public RetentionProperties {
        keep = keep == null ? Duration.ofDays(7) : keep;
        interval = interval == null ? Duration.ofMinutes(1) : interval;
        passBudget = passBudget == null ? Duration.ofSeconds(20) : passBudget;
        batch = batch == null ? 5_000 : batch;
        mediaInterval = mediaInterval == null ? Duration.ofMinutes(15) : mediaInterval;
        mediaGrace = mediaGrace == null ? Duration.ofHours(1) : mediaGrace;
    }
}
