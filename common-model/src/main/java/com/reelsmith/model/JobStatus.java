package com.reelsmith.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * A job's states and its legal transitions, in one place. Services apply a transition as one
 * conditional SQL update ({@code ... where status in (<sources>)}), so a duplicate message
 * cannot apply it twice; {@link #sourcesOf} gives that list.
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
            case QUEUED -> EnumSet.of(RUNNING, WAITING, FAILED, CANCELED);
            // RUNNING -> RUNNING: a worker takes over a job whose lease ran out
            case RUNNING -> EnumSet.of(RUNNING, WAITING, RETRYING, SUCCEEDED, FAILED, CANCELED);
            case WAITING -> EnumSet.of(RUNNING, FAILED, CANCELED);
            case RETRYING -> EnumSet.of(RUNNING, FAILED, CANCELED);
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
}
