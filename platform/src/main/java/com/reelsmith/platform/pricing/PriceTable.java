package com.reelsmith.platform.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a generation costs with the configured provider. The local provider costs nothing; the
 * Replicate prices are configuration (reelsmith.pricing.*) because they are published by third
 * parties, not verified: nano-banana about 0.039 USD an image, kling-v2.1 about 0.05 USD a
 * second in standard mode and 0.09 in pro. The gateway quotes with it and the video worker
 * prices the start image it asks for, so both read the same table; a storyboard's production
 * estimate ({@link ProductionEstimate}) too.
 */
@ConfigurationProperties("reelsmith.pricing")
public record PriceTable(BigDecimal imageUsd, BigDecimal videoStandardPerSecondUsd, BigDecimal videoProPerSecondUsd,
                         BigDecimal assemblyUsd) {

    public PriceTable {
        imageUsd = imageUsd == null ? new BigDecimal("0.039") : imageUsd;
        videoStandardPerSecondUsd = videoStandardPerSecondUsd == null ? new BigDecimal("0.05") : videoStandardPerSecondUsd;
        videoProPerSecondUsd = videoProPerSecondUsd == null ? new BigDecimal("0.09") : videoProPerSecondUsd;
        // assembly runs on our own machines (FFmpeg): nothing by default, configurable to charge for the CPU
        assemblyUsd = assemblyUsd == null ? BigDecimal.ZERO : assemblyUsd;
    }

    public BigDecimal image(boolean free) {
        return free ? BigDecimal.ZERO.setScale(4) : imageUsd.setScale(4, RoundingMode.HALF_UP);
    }

    /** A video, plus its start image when one has to be generated first. */
    public BigDecimal video(boolean free, int seconds, String mode, boolean withStartImage) {
        if (free) {
            return BigDecimal.ZERO.setScale(4);
        }
        BigDecimal perSecond = "pro".equals(mode) ? videoProPerSecondUsd : videoStandardPerSecondUsd;
        BigDecimal video = perSecond.multiply(BigDecimal.valueOf(seconds));
        return (withStartImage ? video.add(imageUsd) : video).setScale(4, RoundingMode.HALF_UP);
    }
}
