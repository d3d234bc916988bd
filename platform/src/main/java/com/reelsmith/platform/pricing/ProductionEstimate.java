package com.reelsmith.platform.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What producing a storyboard would cost: a keyframe image per scene, a clip per scene (kling
 * makes 5 or 10 s clips, so a scene of up to 5 s needs a 5 s clip and a longer one a 10 s clip;
 * assembly trims them), and the assembly. From the one price table, so the estimate shown on a
 * storyboard is the one its approval is checked against.
 */
public record ProductionEstimate(int scenes, int clipSeconds, String mode, BigDecimal keyframesUsd, BigDecimal clipsUsd,
                                 BigDecimal assemblyUsd, BigDecimal totalUsd) {

    public static ProductionEstimate of(PriceTable prices, boolean free, List<Integer> sceneDurations, String mode) {
        int clipSeconds = sceneDurations.stream().mapToInt(d -> d <= 5 ? 5 : 10).sum();
        BigDecimal keyframes = prices.image(free).multiply(BigDecimal.valueOf(sceneDurations.size()));
        BigDecimal clips = prices.video(free, clipSeconds, mode, false);
        BigDecimal assembly = free ? BigDecimal.ZERO : prices.assemblyUsd();
        return new ProductionEstimate(sceneDurations.size(), clipSeconds, mode, scale(keyframes), scale(clips),
                scale(assembly), scale(keyframes.add(clips).add(assembly)));
    }

    private static BigDecimal scale(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_UP);
    }
}
