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
 * <p>
 * musicPerPredictSecondUsd prices a production's music bed ({@code meta/musicgen}), which Replicate
 * bills by the time the prediction ran ({@code metrics.predict_time}) on its hardware. The default,
 * 0.0014 USD a second, is Replicate's published rate for an A100 (80 GB), the hardware musicgen's
 * page names: unverified here, so configuration ({@code reelsmith.pricing.music-per-predict-second-usd}).
 */
@ConfigurationProperties("reelsmith.pricing")
public record PriceTable(BigDecimal imageUsd, BigDecimal videoStandardPerSecondUsd, BigDecimal videoProPerSecondUsd,
                         BigDecimal assemblyUsd, BigDecimal musicPerPredictSecondUsd) {

    public PriceTable {
        imageUsd = imageUsd == null ? new BigDecimal("0.039") : imageUsd;
        videoStandardPerSecondUsd = videoStandardPerSecondUsd == null ? new BigDecimal("0.05") : videoStandardPerSecondUsd;
        videoProPerSecondUsd = videoProPerSecondUsd == null ? new BigDecimal("0.09") : videoProPerSecondUsd;
        // assembly runs on our own machines (FFmpeg): nothing by default, configurable to charge for the CPU
        assemblyUsd = assemblyUsd == null ? BigDecimal.ZERO : assemblyUsd;
        musicPerPredictSecondUsd = musicPerPredictSecondUsd == null ? new BigDecimal("0.0014") : musicPerPredictSecondUsd;
    }

    /** A music bed that took {@code predictSeconds} on the provider's hardware (none said: nothing charged). */
    public BigDecimal music(boolean free, Double predictSeconds) {
        if (free || predictSeconds == null || predictSeconds <= 0) {
            return BigDecimal.ZERO.setScale(4);
        }
        return musicPerPredictSecondUsd.multiply(BigDecimal.valueOf(predictSeconds)).setScale(4, RoundingMode.HALF_UP);
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
