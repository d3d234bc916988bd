package com.reelsmith.studioworker.productions;

import com.reelsmith.model.JobKind;
import com.reelsmith.model.Routing;
import com.reelsmith.work.JobSweeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Productions and exports swept like every job, and productions whose wait on a scene is over. */
@Component
class ProductionJobSweep {

    private static final Logger log = LoggerFactory.getLogger(ProductionJobSweep.class);

    private final JobSweeper sweeper;
    private final ProductionSaga saga;
    private final Routing routing;

    ProductionJobSweep(JobSweeper sweeper, ProductionSaga saga, Routing routing) {
        this.sweeper = sweeper;
        this.saga = saga;
        this.routing = routing;
    }

    @Scheduled(fixedDelayString = "${reelsmith.worker.sweep-interval:2s}")
    void sweep() {
        try {
            sweeper.sweep(JobKind.AD, routing.studioWorkerCommands());
            sweeper.sweep(JobKind.EXPORT, routing.studioWorkerCommands());
            saga.sweepOverdue();
        } catch (RuntimeException e) {
            log.warn("production job sweep failed this time: {}", e.getMessage());
        }
    }
}
