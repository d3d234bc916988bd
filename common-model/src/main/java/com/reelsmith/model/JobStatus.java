package com.reelsmith.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A job's states and its legal transitions, in one place, and the truth the SQL is held to:
 * {@code platform/jobs} is the only code that changes a job's status, each change one
 * conditional update whose {@code where status in (...)} names its sources, and a test there
 * drives every one of those updates from every state and checks each change it made is allowed here.
 *
 * <ul>
 * <li>queued: its command is on its way to a worker (sent again if it seems lost);</li>
 * <li>running: a worker holds it under a lease;</li>
 * <li>waiting: on the provider's prediction, or on child jobs (a saga); no worker holds it;</li>
 * <li>retrying: backing off after a failure; when due it is queued again, never taken straight away.</li>
 * </ul>
 */
public enum JobStatus {
    QUEUED, RUNNING, WAITING, RETRYING, SUCCEEDED, FAILED, CANCELED;

    public String wire() {
        return name().toLowerCase();
    }

    public static JobStatus fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }

    public Set<JobStatus> next() {
        return switch (this) {
            // QUEUED/RETRYING -> FAILED: an operator gives up on a stuck job (its retry is a new job)
            case QUEUED -> EnumSet.of(RUNNING, FAILED, CANCELED);
            // RUNNING -> RUNNING: a worker takes over a job whose lease ran out
            case RUNNING -> EnumSet.of(RUNNING, WAITING, RETRYING, SUCCEEDED, FAILED, CANCELED);
            // WAITING -> QUEUED: a saga's children are done and a worker takes its next step from the queue
            case WAITING -> EnumSet.of(RUNNING, QUEUED, FAILED, CANCELED);
            case RETRYING -> EnumSet.of(QUEUED, FAILED, CANCELED);
            case SUCCEEDED, FAILED, CANCELED -> EnumSet.noneOf(JobStatus.class);
        };
    }

    public boolean canMoveTo(JobStatus target) {
        return next().contains(target);
    }

    /** The states from which {@code target} may be reached. */
    public static Set<JobStatus> sourcesOf(JobStatus target) {
        Set<JobStatus> sources = EnumSet.noneOf(JobStatus.class);
        for (JobStatus s : values()) {
            if (s.canMoveTo(target)) {
                sources.add(s);
            }
        }
        return sources;
    }

    /** {@link #sourcesOf} as wire names, for a {@code status in (:sources)} parameter. */
    public static List<String> wireSourcesOf(JobStatus target) {
        return sourcesOf(target).stream().map(JobStatus::wire).toList();
    }

    public static List<String> unfinished() {
        return EnumSet.complementOf(EnumSet.of(SUCCEEDED, FAILED, CANCELED)).stream().map(JobStatus::wire).toList();
    }
}
