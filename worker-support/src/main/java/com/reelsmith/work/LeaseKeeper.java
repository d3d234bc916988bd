package com.reelsmith.work;

import com.reelsmith.platform.jobs.JobTransitions;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a job's lease alive while a provider call runs, so a slow call is not mistaken for a
 * dead worker; a worker that really dies stops the heartbeat and its lease runs out. The lease
 * is never renewed past the attempt's deadline: a call that stopped moving loses its job too.
 */
public class LeaseKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    /** Held during one job's work; closing it stops the heartbeat. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    private final JobTransitions jobs;
    private final WorkerIdentity worker;
    private final WorkerProperties properties;
    private final ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "lease-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public LeaseKeeper(JobTransitions jobs, WorkerIdentity worker, WorkerProperties properties) {
        this.jobs = jobs;
        this.worker = worker;
        this.properties = properties;
    }

    public Lease keep(UUID jobId) {
        long every = properties.heartbeat().toMillis();
        ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(() -> {
            try {
                if (!jobs.heartbeat(jobId, worker.id(), properties.lease())) {
                    log.info("job {}: lease no longer ours (canceled or taken over)", jobId);
                }
            } catch (RuntimeException e) {
                log.warn("job {}: heartbeat failed: {}", jobId, e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return () -> beat.cancel(false);
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
    }
}
