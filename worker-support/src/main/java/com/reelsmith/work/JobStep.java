package com.reelsmith.work;

import com.reelsmith.platform.jobs.Job;

/**
 * What a kind of job does, given to the {@link JobRunner}: build its request and call the
 * provider (or park the job on children), then record what came back. Claiming, the lease,
 * the attempt's deadline, polling a waiting prediction and failures are the runner's.
 */
public interface JobStep {

    StepResult start(Job job);

    /** One transaction: the media row, the job's move to succeeded, the event. False when the job was no longer ours. */
    boolean record(Job job, StepResult.Done done);
}
