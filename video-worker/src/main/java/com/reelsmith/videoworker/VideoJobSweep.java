package com.reelsmith.videoworker;

import com.reelsmith.model.JobKind;
import com.reelsmith.model.Routing;
import com.reelsmith.work.JobSweeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sweeps video jobs like image jobs, and the sagas whose wait is over. */
@Component
class VideoJobSweep {

    private static final Logger log = LoggerFactory.getLogger(VideoJobSweep.class);

    private final JobSweeper sweeper;
    private final ImageThenVideoSaga saga;
    private final Routing routing;

    VideoJobSweep(JobSweeper sweeper, ImageThenVideoSaga saga, Routing routing) {
        this.sweeper = sweeper;
        this.saga = saga;
        this.routing = routing;
    }

    @Scheduled(fixedDelayString = "${reelsmith.worker.sweep-interval:2s}")
    void sweep() {
        try {
            sweeper.sweep(JobKind.VIDEO, routing.videoWorkerCommands());
            saga.sweepOverdue();
        } catch (RuntimeException e) {
            log.warn("video job sweep failed this time: {}", e.getMessage());
        }
    }
}
