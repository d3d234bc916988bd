package com.reelsmith.provider.replicate;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The client behind two guards. A circuit breaker per model: when a model keeps failing with
 * retryable errors (an outage), calls stop for a while and jobs are rescheduled instead of
 * hammering it; input errors do not count. A rate limiter on creates keeps this process under
 * the account's prediction rate (600 a minute; about 6 for accounts with little credit).
 */
public class GuardedReplicate {

    private final ReplicateClient client;
    private final CircuitBreakerRegistry breakers;
    private final RateLimiter creates;
    private final Duration openFor;

    public GuardedReplicate(ReplicateClient client, int createsPerMinute, Duration openFor) {
        this.client = client;
        this.openFor = openFor;
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(20).minimumNumberOfCalls(5).failureRateThreshold(50)
                .waitDurationInOpenState(openFor).permittedNumberOfCallsInHalfOpenState(2)
                // an outage (5xx, timeouts) opens the circuit; a 429 is Replicate pacing us, which Retry-After handles
                .recordException(e -> e instanceof ReplicateException r && r.retryable() && r.httpStatus() != 429)
                .build());
        this.creates = RateLimiter.of("replicate-creates", RateLimiterConfig.custom()
                .limitForPeriod(createsPerMinute).limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ofSeconds(5)).build());
    }

    /** One breaker per model, for their metrics (resilience4j's Micrometer binding). */
    public CircuitBreakerRegistry breakers() {
        return breakers;
    }

    public Prediction create(String model, Map<String, Object> input, String webhookUrl) {
        if (!creates.acquirePermission()) {
            throw new ReplicateException("provider_rate_limited", "this worker is at its Replicate create rate; "
                    + "the job will be retried", true, 0, Duration.ofSeconds(10), null);
        }
        return guarded(model, () -> client.create(model, input, webhookUrl));
    }

    public Prediction cancel(String predictionId) {
        return client.cancel(predictionId);
    }

    public Prediction get(String model, String predictionId) {
        return guarded(model, () -> client.get(predictionId));
    }

    private Prediction guarded(String model, Supplier<Prediction> call) {
        CircuitBreaker breaker = breakers.circuitBreaker(model);
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException open) {
            throw new ReplicateException("provider_circuit_open", model + " has been failing; calls to it are paused "
                    + "for a while and the job will be retried", true, 0, openFor, open);
        }
    }
}
