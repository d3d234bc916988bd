package com.reelsmith.platform.messaging;

import com.rabbitmq.client.DeliverCallback;
import com.reelsmith.model.GenerateImageCommand;
import com.reelsmith.model.Routing;
import com.reelsmith.platform.PlatformTestApplication;
import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import com.reelsmith.testing.TestEnvironment;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Not a test (surefire skips *Benchmark): measures the outbox relay on the real PostgreSQL and
 * RabbitMQ. Run: {@code ./mvnw -B -o -pl platform test -Dtest=OutboxRelayBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and compare with {@code ../shared/bench/floor/run --scenarios relay} run right before or after.
 * <ul>
 * <li>wake-up latency: one command committed at a time on an idle relay, commit returned →
 * message delivered to a consumer of the worker queue (the commit wakes the relay through OutboxSignal);</li>
 * <li>throughput: N commands committed up front, time until all N are delivered.</li>
 * </ul>
 */
@SpringBootTest(classes = PlatformTestApplication.class)
class OutboxRelayBenchmark {

    static final TestDatabase db = TestDatabase.createMigrated();
    static final TestBroker broker = TestBroker.withFreshPrefix();
    static final int LATENCY_SAMPLES = Integer.getInteger("bench.samples", 300);
    static final int THROUGHPUT_N = Integer.getInteger("bench.n", 20_000);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.wire(registry, db, broker);
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    Routing routing;
    @Autowired
    RabbitAdmin admin;

    @Test
    void measure() throws Exception {
        Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
        AtomicInteger arrived = new AtomicInteger();
        try (var connection = broker.connectionFactory().newConnection(); var channel = connection.createChannel()) {
            admin.initialize(); // the application's own declarations, arguments and all
            channel.basicQos(500);
            DeliverCallback onMessage = (tag, delivery) -> {
                arrivedAt.put(delivery.getProperties().getMessageId(), System.nanoTime());
                arrived.incrementAndGet();
                channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            };
            channel.basicConsume(routing.imageWorkerCommands(), false, onMessage, tag -> { });

            long[] latencies = new long[LATENCY_SAMPLES];
            for (int i = 0; i < LATENCY_SAMPLES; i++) {
                var command = GenerateImageCommand.of(UUID.randomUUID(), UUID.randomUUID());
                transaction.executeWithoutResult(s -> outbox.sendCommand(command));
                long committed = System.nanoTime();
                while (!arrivedAt.containsKey(command.messageId().toString())) {
                    Thread.onSpinWait();
                }
                latencies[i] = arrivedAt.get(command.messageId().toString()) - committed;
                Thread.sleep(5); // let the relay go idle again, so each sample includes the wake-up
            }
            Arrays.sort(latencies);
            System.out.printf("RELAY wake-up latency, commit -> delivered (n=%d): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    LATENCY_SAMPLES, ms(latencies, 0.50), ms(latencies, 0.95), ms(latencies, 0.99),
                    latencies[latencies.length - 1] / 1e6);

            int before = arrived.get();
            var done = new CountDownLatch(1);
            long start = System.nanoTime();
            for (int batch = 0; batch < THROUGHPUT_N / 1000; batch++) {
                transaction.executeWithoutResult(s -> {
                    for (int i = 0; i < 1000; i++) {
                        outbox.sendCommand(GenerateImageCommand.of(UUID.randomUUID(), UUID.randomUUID()));
                    }
                });
            }
            long written = System.nanoTime();
            while (arrived.get() - before < THROUGHPUT_N) {
                done.await(5, TimeUnit.MILLISECONDS);
            }
            long end = System.nanoTime();
            System.out.printf("RELAY throughput: %d commands written in %.0f ms, all delivered after %.0f ms: %.0f msg/s%n",
                    THROUGHPUT_N, (written - start) / 1e6, (end - start) / 1e6, THROUGHPUT_N / ((end - start) / 1e9));
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }
}
