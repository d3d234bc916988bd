package com.reelsmith.work;

import com.reelsmith.platform.jobs.Job;
import com.reelsmith.provider.ImageRequest;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.VideoRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.function.Supplier;

/**
 * Every provider call timed, by provider, operation and outcome
 * ({@code reelsmith_provider_calls_seconds{provider,operation,outcome,error_code}}, a histogram):
 * latency and errors of the local generator or of Replicate alike. Each call is also a span
 * ({@code provider <operation>}), child of the consumed message's span, so a trace shows the
 * provider's share; Replicate's HTTP calls carry it on as their {@code traceparent}.
 */
public class MeteredProvider implements GenerationProvider {

    private final GenerationProvider provider;
    private final String name;
    private final MeterRegistry meters;
    private final Tracer tracer;

    public MeteredProvider(GenerationProvider provider, String name, MeterRegistry meters) {
        this(provider, name, meters, Tracer.NOOP);
    }

    public MeteredProvider(GenerationProvider provider, String name, MeterRegistry meters, Tracer tracer) {
        this.provider = provider;
        this.name = name;
        this.meters = meters;
        this.tracer = tracer;
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
        Span span = tracer.nextSpan().name("provider " + operation).tag("provider", name).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return call.get();
        } catch (ProviderException e) {
            outcome = "error";
            errorCode = e.code();
            span.error(e);
            throw e;
        } catch (RuntimeException e) {
            outcome = "error";
            errorCode = "internal_error";
            span.error(e);
            throw e;
        } finally {
            span.tag("outcome", outcome).end();
            Timer.builder("reelsmith.provider.calls").description("provider calls, by outcome")
                    .tags("provider", name, "operation", operation, "outcome", outcome, "error_code", errorCode)
                    .publishPercentileHistogram().register(meters)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
