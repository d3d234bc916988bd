package com.reelsmith.gateway.clientwebhooks;

import com.reelsmith.gateway.outbound.PinnedHttp;
import com.reelsmith.gateway.outbound.PublicTargets;
import com.reelsmith.gateway.outbound.RefusedTarget;
import com.reelsmith.gateway.outbound.Target;
import com.reelsmith.provider.replicate.WebhookSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries: claims a batch (a lease per row, so other gateway instances skip it),
 * POSTs each, signed the Standard Webhooks way with the endpoint's secret (the algorithm
 * Reelsmith verifies Replicate's webhooks with, {@link WebhookSignature}), to the address the
 * SSRF guard checked just now, and records the attempt. A 2xx is delivered; anything else (an
 * error status, a timeout, a refused connection, a target that now resolves to a private
 * address) is tried again with {@link Backoff} until the delivery's give-up time, then failed.
 */
@Component
class WebhookSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final int MAX_ERROR_CHARS = 500;

    private final WebhookDeliveries deliveries;
    private final PublicTargets targets;
    private final WebhookProperties properties;
    private final Backoff backoff;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private ExecutorService pool;

    WebhookSender(WebhookDeliveries deliveries, PublicTargets targets, WebhookProperties properties) {
        this.deliveries = deliveries;
        this.targets = targets;
        this.properties = properties;
        this.backoff = new Backoff(properties.firstRetry(), properties.maxRetryInterval());
    }

    /** Something became due in this process (a fan-out committed, a redeliver): look now. */
    void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    @Override
    public synchronized void start() {
        if (!properties.send()) {
            return;
        }
        running = true;
        pool = Executors.newFixedThreadPool(properties.senders(), runnable -> {
            Thread t = new Thread(runnable, "webhook-send");
            t.setDaemon(true);
            return t;
        });
        thread = new Thread(this::loop, "webhook-sender");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                int claimed = sendDue();
                if (claimed < properties.batch()) {
                    wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("webhook sender: cannot claim deliveries now ({}); trying again shortly", e.toString());
                sleep(properties.pollInterval());
            }
        }
    }

    /** Claims one batch and sends it, in parallel; returns how many rows it claimed. */
    int sendDue() throws InterruptedException {
        Duration lease = properties.timeout().multipliedBy(3).plusSeconds(30);
        List<WebhookDeliveries.Claimed> batch = deliveries.claim(properties.batch(), lease);
        List<Future<?>> sends = new ArrayList<>();
        for (var delivery : batch) {
            sends.add(pool.submit(() -> send(delivery)));
        }
        for (Future<?> send : sends) {
            try {
                send.get();
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("webhook send failed unexpectedly", e.getCause());
            }
        }
        return batch.size();
    }

    private void send(WebhookDeliveries.Claimed delivery) {
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        String id = delivery.id().toString();
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Reelsmith-Webhooks/1");
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", timestamp);
        headers.put("webhook-signature", WebhookSignature.sign(id, timestamp, body, delivery.secret()));
        long start = System.nanoTime();
        Integer status = null;
        String error;
        try {
            Target target = targets.check(delivery.url()); // again now: the name may point elsewhere since creation
            status = PinnedHttp.post(target, headers, body, properties.timeout()).status();
            if (status >= 200 && status < 300) {
                deliveries.succeeded(delivery.id(), status, elapsedMs(start));
                log.debug("webhook {} ({}) delivered to endpoint {}: {}", id, delivery.eventType(), delivery.endpointId(),
                        status);
                return;
            }
            error = "the endpoint answered HTTP " + status;
        } catch (RefusedTarget e) {
            error = "not sent: " + e.getMessage();
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        error = error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error;
        String now = deliveries.failed(delivery.id(), status, error, elapsedMs(start), backoff.after(delivery.attempts() + 1));
        if ("failed".equals(now)) {
            log.warn("webhook {} ({}) to endpoint {} failed for good after {} attempts: {}", id, delivery.eventType(),
                    delivery.endpointId(), delivery.attempts() + 1, error);
        } else {
            log.info("webhook {} ({}) to endpoint {} not delivered (attempt {}): {}", id, delivery.eventType(),
                    delivery.endpointId(), delivery.attempts() + 1, error);
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
