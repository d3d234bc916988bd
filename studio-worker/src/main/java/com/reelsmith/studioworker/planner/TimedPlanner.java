package com.reelsmith.studioworker.planner;

import com.reelsmith.platform.storyboards.Brief;
import com.reelsmith.platform.storyboards.StoryboardContent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/** How long planning and refining take: {@code reelsmith_planner_seconds{planner,operation,outcome}}, a histogram. */
class TimedPlanner implements Planner {

    private final Planner planner;
    private final MeterRegistry meters;

    TimedPlanner(Planner planner, MeterRegistry meters) {
        this.planner = planner;
        this.meters = meters;
    }

    @Override
    public String name() {
        return planner.name();
    }

    @Override
    public StoryboardContent plan(Brief brief) {
        return timed("plan", () -> planner.plan(brief));
    }

    @Override
    public Refinement refine(Brief brief, StoryboardContent current, String feedback) {
        return timed("refine", () -> planner.refine(brief, current, feedback));
    }

    private <T> T timed(String operation, Supplier<T> call) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "ok";
            return result;
        } finally {
            sample.stop(Timer.builder("reelsmith.planner").description("planning and refining storyboards")
                    .tags("planner", planner.name(), "operation", operation, "outcome", outcome)
                    .publishPercentileHistogram().register(meters));
        }
    }
}
