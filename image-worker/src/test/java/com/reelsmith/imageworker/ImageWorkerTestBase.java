package com.reelsmith.imageworker;

import com.reelsmith.model.GenerateImageCommand;
import com.reelsmith.model.Routing;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.provider.ImageGenerator;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.local.LocalImageGenerator;
import com.reelsmith.provider.local.LocalSettings;
import com.reelsmith.testing.Fixtures;
import com.reelsmith.work.GenerationProvider;
import com.reelsmith.work.LocalGeneration;
import com.reelsmith.work.MeteredProvider;
import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import com.reelsmith.testing.TestEnvironment;
import java.nio.file.Files;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The image worker as it runs, on the real PostgreSQL and RabbitMQ, with one liberty: the
 * provider (an external service) can be told to fail the next calls, to exercise retries.
 */
@SpringBootTest(classes = {ImageWorkerApplication.class, ImageWorkerTestBase.ScriptedProvider.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
// every test class shares the database and queue prefix below: closing its context after the class
// stops its listeners and sweeper, so the next class's worker (a single consumer, say) is the only one
@DirtiesContext
abstract class ImageWorkerTestBase {

    static final TestDatabase db = TestDatabase.createMigrated();
    static final TestBroker broker = TestBroker.withFreshPrefix();
    static final Fixtures fixtures = new Fixtures(db);
    /** Failures the provider throws on its next calls, in order; empty means it works. */
    static final Deque<ProviderException> providerFailures = new ConcurrentLinkedDeque<>();
    /** Errors (not exceptions) the provider throws on its next calls, as a native library that does not load would. */
    static final Deque<Error> providerErrors = new ConcurrentLinkedDeque<>();
    /** How many of the next provider calls hang (until interrupted), as a stalled download would. */
    static final java.util.concurrent.atomic.AtomicInteger providerStalls = new java.util.concurrent.atomic.AtomicInteger();
    /** When set, the next provider call says it has started, then waits until the test opens the gate. */
    static final AtomicReference<ProviderGate> providerGate =
            new AtomicReference<>();

    record ProviderGate(CountDownLatch entered, CountDownLatch open) {
        static ProviderGate closed() {
            return new ProviderGate(new CountDownLatch(1), new CountDownLatch(1));
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestEnvironment.wire(registry, db, broker);
        registry.add("reelsmith.media.dir", Files.createTempDirectory("image-worker-media")::toString);
        registry.add("reelsmith.worker.lease", () -> "3s");
        registry.add("reelsmith.worker.retry-base", () -> "100ms");
        registry.add("reelsmith.worker.sweep-interval", () -> "200ms");
    }

    @TestConfiguration
    static class ScriptedProvider {
        @Bean
        @Primary
        GenerationProvider scriptedProvider(io.micrometer.core.instrument.MeterRegistry meters) {
            var real = new LocalImageGenerator(new LocalSettings(256, 160, 12, java.time.Duration.ZERO));
            ImageGenerator scripted = request -> {
                ProviderGate gate = providerGate.getAndSet(null);
                if (gate != null) {
                    gate.entered().countDown();
                    try {
                        gate.open().await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ProviderException("provider_timeout", "the held call was interrupted", true);
                    }
                }
                if (providerStalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    try {
                        new java.util.concurrent.CountDownLatch(1).await(); // hangs until the attempt's deadline interrupts it
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ProviderException("provider_timeout", "the stalled call was interrupted", true);
                    }
                }
                Error error = providerErrors.poll();
                if (error != null) {
                    throw error;
                }
                ProviderException next = providerFailures.poll();
                if (next != null) {
                    throw next;
                }
                return real.generateImage(request);
            };
            // metered as the real provider bean is, so the tests see what the dashboard plots
            return new MeteredProvider(new LocalGeneration(scripted, request -> {
                throw new IllegalStateException("no videos in the image worker");
            }), "local", meters);
        }
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    Routing routing;

    Fixtures.Tenant tenant;

    @BeforeEach
    void freshTenant() {
        providerFailures.clear();
        providerErrors.clear();
        providerStalls.set(0);
        providerGate.set(null);
        tenant = fixtures.tenant();
    }

    /** What the gateway does: a queued job, and its command written to the outbox with it. */
    UUID submitImageJob(String inputJson) {
        UUID jobId = fixtures.queuedJob(tenant, "image", inputJson);
        UUID correlationId = (UUID) fixtures.value("select correlation_id from jobs where id = '" + jobId + "'");
        transaction.executeWithoutResult(s -> outbox.sendCommand(GenerateImageCommand.of(jobId, correlationId)));
        return jobId;
    }

    String status(UUID jobId) {
        return fixtures.status(jobId);
    }

    String awaitStatus(UUID jobId, String wanted, long timeoutMs) throws InterruptedException {
        return fixtures.awaitStatus(jobId, wanted, timeoutMs);
    }

    long count(String sql) {
        return ((Number) fixtures.value(sql)).longValue();
    }
}
