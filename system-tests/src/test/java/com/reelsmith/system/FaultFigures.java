package com.reelsmith.system;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fault case's figures, printed as one line that docs/RELIABILITY.md's table is made from:
 * {@code FAULT case=rabbitmq_outage submitted=1000 accepted=1000 ... seconds=42.1}.
 */
final class FaultFigures {

    private final String caseName;
    private final long started = System.nanoTime();
    private final Map<String, Object> figures = new LinkedHashMap<>();

    FaultFigures(String caseName) {
        this.caseName = caseName;
        for (String name : new String[] {"submitted", "accepted", "refused_503", "done", "failed", "lost", "duplicated",
                "bad_input_5xx"}) {
            figures.put(name, 0);
        }
    }

    FaultFigures set(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    /** Done, failed, lost and duplicated from the ledger's tally of the accepted jobs. */
    FaultFigures outcome(JobLedger.Tally tally) {
        set("done", tally.count("succeeded"));
        set("failed", tally.count("failed") + tally.count("canceled"));
        set("lost", tally.unfinished() + tally.count("failed") + tally.count("canceled"));
        set("duplicated", tally.duplicated());
        return this;
    }

    int get(String name) {
        return ((Number) figures.get(name)).intValue();
    }

    String line() {
        var out = new StringBuilder("FAULT case=").append(caseName);
        figures.forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
        out.append(String.format(java.util.Locale.ROOT, " seconds=%.1f", (System.nanoTime() - started) / 1e9));
        return out.toString();
    }

    /** Prints the line (to stdout, where surefire keeps it in the report) and returns it for messages. */
    String print() {
        String line = line();
        System.out.println(line);
        return line;
    }
}
