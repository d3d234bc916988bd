package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The gateway's feature packages depend on each other in one direction only: a cycle (auth and
 * clients used to import each other) means neither can change or move alone. Read from the
 * sources (imports and same-module fully qualified names), no framework needed.
 */
class PackageCyclesTest {

    private static final Pattern REFERENCE = Pattern.compile("com\\.reelsmith\\.gateway\\.([a-z][a-z0-9]*)\\.");

    @Test
    void noTwoGatewayPackagesDependOnEachOther() throws IOException {
        Path sources = Path.of(System.getProperty("reelsmith.gateway.sources", "src/main/java"))
                .resolve("com/reelsmith/gateway");
        Map<String, Set<String>> uses = dependencies(sources);
        assertThat(uses).as("packages found under %s", sources).containsKeys("auth", "clients");

        List<String> cycles = new ArrayList<>();
        for (String from : uses.keySet()) {
            for (String to : uses.get(from)) {
                List<String> back = path(uses, to, from, new TreeSet<>());
                if (back != null) {
                    cycles.add(from + " -> " + String.join(" -> ", back));
                }
            }
        }
        assertThat(cycles).as("package cycles in %s", uses).isEmpty();
    }

    private static Map<String, Set<String>> dependencies(Path root) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = root.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the application class at the root wires everything; not a feature package
                }
                String own = relative.getName(0).toString();
                Set<String> used = uses.computeIfAbsent(own, p -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(own)) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        return uses;
    }

    /** A path from {@code from} to {@code to} through the dependency graph, or null. */
    private static List<String> path(Map<String, Set<String>> uses, String from, String to, Set<String> seen) {
        if (from.equals(to)) {
            return new ArrayList<>(List.of(to));
        }
        if (!seen.add(from)) {
            return null;
        }
        for (String next : uses.getOrDefault(from, Set.of())) {
            List<String> rest = path(uses, next, to, seen);
            if (rest != null) {
                rest.add(0, from);
                return rest;
            }
        }
        return null;
    }
}
