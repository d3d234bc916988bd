package com.reelsmith.work;

import com.reelsmith.platform.jobs.Job;
import com.reelsmith.provider.ImageRequest;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.VideoRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/**
 * Every provider call timed, by provider, operation and outcome
 * ({@code reelsmith_provider_calls_seconds{provider,operation,outcome,error_code}}, a histogram):
 * latency and errors of the local generator or of Replicate alike.
 */
public class MeteredProvider implements GenerationProvider {

    private final GenerationProvider provider;
    private final String name;
    private final MeterRegistry meters;

    public MeteredProvider(GenerationProvider provider, String name, MeterRegistry meters) {
        this.provider = provider;
        this.name = name;
        this.meters = meters;
    }

    @Override
    public StepResult image(Job job, ImageRequest request, LoadedMedia reference) {
        return timed("image", () -> provider.image(job, request, reference));
    }

    @Override
    public StepResult video(Job job, VideoRequest request, LoadedMedia startFrame) {
        return timed("video", () -> provider.video(job, request, startFrame));
    }

    @Override
    public StepResult poll(Job job) {
        return timed("poll", () -> provider.poll(job));
    }

    @Override
    public void cancelPrediction(String predictionId) {
        timed("cancel", () -> {
            provider.cancelPrediction(predictionId);
            return null;
        });
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = "ok";
        String errorCode = "none";
        try {
            return call.get();
        } catch (ProviderException e) {
            outcome = "error";
            errorCode = e.code();
            throw e;
        } catch (RuntimeException e) {
            outcome = "error";
            errorCode = "internal_error";
            throw e;
        } finally {
            Timer.builder("reelsmith.provider.calls").description("provider calls, by outcome")
                    .tags("provider", name, "operation", operation, "outcome", outcome, "error_code", errorCode)
                    .publishPercentileHistogram().register(meters)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
