package com.reelsmith.imageworker;

import com.reelsmith.model.JobKind;
import com.reelsmith.platform.jobs.JobSweeper;
import com.reelsmith.work.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Due retries, lost workers' jobs and vanished commands of image jobs, swept on a timer. */
@Component
class ImageJobSweep {

    private static final Logger log = LoggerFactory.getLogger(ImageJobSweep.class);

    private final JobSweeper sweeper;
    private final WorkerProperties properties;

    ImageJobSweep(JobSweeper sweeper, WorkerProperties properties) {
        this.sweeper = sweeper;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${reelsmith.worker.sweep-interval:2s}")
    void sweep() {
        try {
            sweeper.sweep(JobKind.IMAGE, properties.requeueQueuedAfter());
        } catch (RuntimeException e) {
            log.warn("image job sweep failed this time: {}", e.getMessage());
        }
    }
}
