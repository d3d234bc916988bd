package com.reelsmith.studioworker.productions;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * How long the CPU work of the studio worker takes: {@code reelsmith_assembly_seconds{operation,outcome}}
 * (operation {@code assemble}: music and assembly of an ad; {@code export}: one export), a histogram,
 * so operators see when assemblies need more studio workers or a longer attempt timeout.
 */
@Component
class AssemblyTimer {

    private final MeterRegistry meters;

    AssemblyTimer(MeterRegistry meters) {
        this.meters = meters;
    }

    <T> T time(String operation, Supplier<T> work) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            T result = work.get();
            outcome = "ok";
            return result;
        } finally {
            sample.stop(Timer.builder("reelsmith.assembly").description("assembling ads and exporting them")
                    .tags("operation", operation, "outcome", outcome).publishPercentileHistogram().register(meters));
        }
    }
}
