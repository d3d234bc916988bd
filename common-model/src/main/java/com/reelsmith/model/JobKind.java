package com.reelsmith.model;

/**
 * What a job produces. The wire name is the lower-case word used in JSON and SQL. A storyboard job
 * plans (or refines) a storyboard from a brief on the studio worker; its result is the storyboard.
 */
public enum JobKind {
    IMAGE, VIDEO, STORYBOARD;

    public String wire() {
        return name().toLowerCase();
    }

    public static JobKind fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
