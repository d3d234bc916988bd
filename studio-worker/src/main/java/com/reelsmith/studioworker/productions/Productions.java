package com.reelsmith.studioworker.productions;

import com.reelsmith.model.JobFinished;
import com.reelsmith.model.JobKind;
import com.reelsmith.work.JobRunner;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** What the studio worker's edge calls for productions and exports (the listener shares its queue with planning). */
@Component
public class Productions {

    private final ProductionSaga saga;
    private final ExportStep export;
    private final JobRunner runner;

    Productions(ProductionSaga saga, ExportStep export, JobRunner runner) {
        this.saga = saga;
        this.export = export;
        this.runner = runner;
    }

    public void onProduce(UUID jobId) {
        saga.onCommand(jobId);
    }

    public void onExport(UUID jobId) {
        runner.run(jobId, JobKind.EXPORT, job -> export);
    }

    public void onVideoFinished(JobFinished event) {
        saga.onVideoFinished(event);
    }
}
