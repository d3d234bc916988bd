package com.reelsmith.work;

import com.reelsmith.platform.jobs.Job;
import org.slf4j.MDC;

/** Puts the job and its correlation id on every log line of the work done for it. */
public final class JobLog implements AutoCloseable {

    private JobLog() {
    }

    public static JobLog of(Job job) {
        MDC.put("job_id", job.id().toString());
        MDC.put("correlation_id", job.correlationId().toString());
        return new JobLog();
    }

    @Override
    public void close() {
        MDC.remove("job_id");
        MDC.remove("correlation_id");
    }
}
