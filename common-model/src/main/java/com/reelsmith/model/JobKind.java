package com.reelsmith.model;

/**
 * What a job produces. The wire name is the lower-case word used in JSON and SQL. A storyboard job
 * plans (or refines) a storyboard from a brief on the studio worker; its result is the storyboard.
 * An ad job (a production) turns an approved storyboard into a finished ad; an export job renders an
 * ad in another format. Both run on the studio worker.
 */
public enum JobKind {
    IMAGE, VIDEO, STORYBOARD, AD, EXPORT;

    public String wire() {
        return name().toLowerCase();
    }

    public static JobKind fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
