package com.reelsmith.gateway.clientwebhooks;

import java.util.List;

/** The events a client can subscribe an endpoint to. */
final class EventTypes {

    static final String JOB_SUCCEEDED = "job.succeeded";
    static final String JOB_FAILED = "job.failed";
    static final String JOB_CANCELED = "job.canceled";
    static final String STORYBOARD_READY = "storyboard.ready";
    static final String STORYBOARD_APPROVED = "storyboard.approved";
    static final String PRODUCTION_FINISHED = "production.finished";

    static final List<String> ALL = List.of(JOB_SUCCEEDED, JOB_FAILED, JOB_CANCELED, STORYBOARD_READY,
            STORYBOARD_APPROVED, PRODUCTION_FINISHED);

    private EventTypes() {
    }
}
