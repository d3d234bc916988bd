package com.reelsmith.imageworker;

import com.reelsmith.model.JobKind;
import com.reelsmith.model.Routing;
import com.reelsmith.work.JobSweeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Due retries, lost workers' jobs and vanished commands of image jobs, swept on a timer. */
@Component
class ImageJobSweep {

    private static final Logger log = LoggerFactory.getLogger(ImageJobSweep.class);

    private final JobSweeper sweeper;
    private final Routing routing;

    ImageJobSweep(JobSweeper sweeper, Routing routing) {
        this.sweeper = sweeper;
        this.routing = routing;
    }

    @Scheduled(fixedDelayString = "${reelsmith.worker.sweep-interval:2s}")
    void sweep() {
        try {
            sweeper.sweep(JobKind.IMAGE, routing.imageWorkerCommands());
        } catch (RuntimeException e) {
            log.warn("image job sweep failed this time: {}", e.getMessage());
        }
    }
}
