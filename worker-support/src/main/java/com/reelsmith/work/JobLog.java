package com.reelsmith.work;

import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.logging.TraceIds;
import org.slf4j.MDC;

/** Puts the job, its correlation id and its trace id (the same id, as hex) on every log line of the work done for it. */
public final class JobLog implements AutoCloseable {

    private JobLog() {
    }

    public static JobLog of(Job job) {
        MDC.put("job_id", job.id().toString());
        MDC.put("correlation_id", job.correlationId().toString());
        // the trace the gateway started for the request (its traceparent travels with every message)
        MDC.put(TraceIds.TRACE_ID, TraceIds.of(job.correlationId()));
        return new JobLog();
    }

    @Override
    public void close() {
        MDC.remove("job_id");
        MDC.remove("correlation_id");
        MDC.remove(TraceIds.TRACE_ID);
    }
}
