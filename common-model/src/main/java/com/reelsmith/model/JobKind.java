package com.reelsmith.model;

/** What a job produces. The wire name is the lower-case word used in JSON and SQL. */
public enum JobKind {
    IMAGE, VIDEO;

    public String wire() {
        return name().toLowerCase();
    }

    public static JobKind fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
