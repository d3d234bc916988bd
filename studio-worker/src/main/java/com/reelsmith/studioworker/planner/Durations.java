package com.reelsmith.studioworker.planner;

import com.reelsmith.platform.storyboards.Scene;
import java.util.ArrayList;
import java.util.List;

/**
 * Shares a total length among scenes by weight, each scene 1-10 s (the clip model makes 5 or 10 s
 * clips and assembly trims), the parts summing exactly to the total (largest remainders first).
 */
final class Durations {

    private Durations() {
    }

    /** The fewest scenes that can hold {@code total} seconds at 10 s at most each. */
    static int minimumScenes(int total) {
        return (total + Scene.MAX_DURATION_S - 1) / Scene.MAX_DURATION_S;
    }

    static List<Integer> fit(List<Double> weights, int total) {
        int n = weights.size();
        if (total < n * Scene.MIN_DURATION_S || total > n * Scene.MAX_DURATION_S) {
            throw new IllegalArgumentException(total + " s cannot be shared among " + n + " scenes of 1-10 s");
        }
        double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
        List<Integer> parts = new ArrayList<>();
        List<Double> remainders = new ArrayList<>();
        for (double w : weights) {
            double exact = total * w / sum;
            int part = Math.max(Scene.MIN_DURATION_S, Math.min(Scene.MAX_DURATION_S, (int) Math.floor(exact)));
            parts.add(part);
            remainders.add(exact - part);
        }
        int missing = total - parts.stream().mapToInt(Integer::intValue).sum();
        while (missing != 0) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                boolean canMove = missing > 0 ? parts.get(i) < Scene.MAX_DURATION_S : parts.get(i) > Scene.MIN_DURATION_S;
                if (canMove && (best < 0 || (missing > 0 ? remainders.get(i) > remainders.get(best)
                        : remainders.get(i) < remainders.get(best)))) {
                    best = i;
                }
            }
            int step = missing > 0 ? 1 : -1;
            parts.set(best, parts.get(best) + step);
            remainders.set(best, remainders.get(best) - step);
            missing -= step;
        }
        return parts;
    }
}
