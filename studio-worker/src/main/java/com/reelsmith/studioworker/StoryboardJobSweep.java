package com.reelsmith.studioworker;

import com.reelsmith.model.JobKind;
import com.reelsmith.model.Routing;
import com.reelsmith.work.JobSweeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Due retries, lost workers' jobs and vanished commands of storyboard jobs, swept on a timer. */
@Component
class StoryboardJobSweep {

    private static final Logger log = LoggerFactory.getLogger(StoryboardJobSweep.class);

    private final JobSweeper sweeper;
    private final Routing routing;

    StoryboardJobSweep(JobSweeper sweeper, Routing routing) {
        this.sweeper = sweeper;
        this.routing = routing;
    }

    @Scheduled(fixedDelayString = "${reelsmith.worker.sweep-interval:2s}")
    void sweep() {
        try {
            sweeper.sweep(JobKind.STORYBOARD, routing.studioWorkerCommands());
        } catch (RuntimeException e) {
            log.warn("storyboard job sweep failed this time: {}", e.getMessage());
        }
    }
}
