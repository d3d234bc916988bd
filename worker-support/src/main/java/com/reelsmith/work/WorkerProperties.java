package com.reelsmith.work;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * lease: how long a worker owns a running job without a heartbeat (a dead worker's job is taken
 * again after it); heartbeat every lease/4. retryBase/retryMax: exponential backoff between
 * attempts, with jitter. sweepInterval: how often due retries, expired leases and stale jobs are
 * looked for. requeueQueuedAfter: a job queued this long without a worker taking it gets its
 * command again (doubling each time). sagaDeadline: how long a saga waits for a child that has
 * started (counted from the child's start). attemptTimeout: the longest one
 * attempt may take before its call is aborted and the job retried. sagaGrace: how long a saga
 * waits for the event of a child that already finished before the sweeper resumes it anyway.
 * predictionLookEvery: how often the sweeper has a worker look at a waiting prediction at most.
 */
@ConfigurationProperties("reelsmith.worker")
public record WorkerProperties(Duration lease, Duration retryBase, Duration retryMax, Duration sweepInterval,
                               Duration requeueQueuedAfter, Duration sagaDeadline,
                               Duration attemptTimeout, Duration sagaGrace, Duration predictionLookEvery) {

    public WorkerProperties {
        lease = lease == null ? Duration.ofSeconds(60) : lease;
        retryBase = retryBase == null ? Duration.ofSeconds(2) : retryBase;
        retryMax = retryMax == null ? Duration.ofMinutes(5) : retryMax;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(2) : sweepInterval;
        requeueQueuedAfter = requeueQueuedAfter == null ? Duration.ofMinutes(5) : requeueQueuedAfter;
        sagaDeadline = sagaDeadline == null ? Duration.ofSeconds(60) : sagaDeadline;
        attemptTimeout = attemptTimeout == null ? Duration.ofMinutes(5) : attemptTimeout;
        sagaGrace = sagaGrace == null ? Duration.ofSeconds(30) : sagaGrace;
        predictionLookEvery = predictionLookEvery == null ? Duration.ofSeconds(30) : predictionLookEvery;
    }

    public Duration heartbeat() {
        return lease.dividedBy(4);
    }
}
