package com.reelsmith.work;

import com.reelsmith.platform.jobs.Job;

/**
 * What a kind of job does, given to the {@link JobRunner}: build its request and call the
 * provider (or park the job on children), then record what came back. Claiming, the lease,
 * the attempt's deadline, when to look at a waiting prediction and failures are the runner's.
 */
public interface JobStep {

    StepResult start(Job job);

    /** One transaction: the media row, the job's move to succeeded, the event. False when the job was no longer ours. */
    boolean record(Job job, StepResult.Done done);

    /**
     * A job parked on a prediction is looked at again (a webhook or the sweeper said so). The
     * worker's provider looks at its own predictions (an image, a clip); a step that starts
     * predictions of its own (a production's music bed) looks at them itself.
     */
    default StepResult poll(Job job, GenerationProvider provider) {
        return provider.poll(job);
    }
}
