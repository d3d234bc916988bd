package com.reelsmith.gateway.ops;

import com.reelsmith.platform.jdbc.Rows;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The gauges and database-derived counters the dashboard shows, published by the gateway:
 * outbox backlog and oldest age, each work queue's depth, consumers and dead-letter depth, and
 * from the jobs table (so every writer counts, sweeper and sagas included, whichever process
 * ran them) jobs finished by kind, status and error code and cost in USD by model. Read from the
 * database every {@code refresh} (15 s), not on every scrape; every gateway publishes the same
 * figures for these, so a dashboard takes their max, not their sum.
 */
@Component
class OpsMetrics {

    private static final Logger log = LoggerFactory.getLogger(OpsMetrics.class);

    record Finished(String kind, String status, String errorCode, long count) {
    }

    record Cost(String model, BigDecimal usd) {
    }

    private final MeterRegistry meters;
    private final JdbcClient jdbc;
    private final QueueStats queues;
    private final OpsQueries queries;
    private final Map<List<String>, Double> finished = new ConcurrentHashMap<>();
    private final Map<String, Double> costs = new ConcurrentHashMap<>();
    private final Map<String, double[]> queueFigures = new ConcurrentHashMap<>();
    private final Set<Object> registered = ConcurrentHashMap.newKeySet();
    private volatile double backlog;
    private volatile double oldestAgeSeconds;

    OpsMetrics(MeterRegistry meters, JdbcClient jdbc, QueueStats queues, OpsQueries queries) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.queues = queues;
        this.queries = queries;
        Gauge.builder("reelsmith.outbox.backlog", this, m -> m.backlog).description("outbox rows not yet published")
                .register(meters);
        Gauge.builder("reelsmith.outbox.oldest.age", this, m -> m.oldestAgeSeconds).baseUnit("seconds")
                .description("age of the oldest unpublished outbox row").register(meters);
    }

    @Scheduled(initialDelayString = "${reelsmith.ops.metrics-refresh:15s}", fixedDelayString = "${reelsmith.ops.metrics-refresh:15s}")
    void refresh() {
        try {
            var outbox = queries.outbox();
            backlog = outbox.unpublished();
            oldestAgeSeconds = outbox.oldestAgeSeconds() == null ? 0 : outbox.oldestAgeSeconds();
            for (Finished f : jdbc.sql("""
                    select kind, status, coalesce(error_code, 'none') as error_code, count(*) as count from jobs
                    where status in ('succeeded', 'failed', 'canceled') group by 1, 2, 3
                    """).query(Rows.of(Finished.class)).list()) {
                List<String> key = List.of(f.kind(), f.status(), f.errorCode());
                finished.put(key, (double) f.count());
                if (registered.add(key)) {
                    FunctionCounter.builder("reelsmith.jobs.finished", finished, m -> m.getOrDefault(key, 0.0))
                            .tags("kind", f.kind(), "status", f.status(), "error_code", f.errorCode())
                            .description("jobs that ended, by kind, status and error code").register(meters);
                }
            }
            // the model a job ran on: the one its input names, else its provider and kind
            for (Cost c : jdbc.sql("""
                    select coalesce(input->>'model', coalesce(provider, 'local') || ':' || kind) as model,
                           coalesce(sum(cost_usd), 0) as usd
                    from jobs where cost_usd is not null group by 1
                    """).query(Rows.of(Cost.class)).list()) {
                costs.put(c.model(), c.usd().doubleValue());
                if (registered.add("cost:" + c.model())) {
                    FunctionCounter.builder("reelsmith.cost.usd", costs, m -> m.getOrDefault(c.model(), 0.0))
                            .tag("model", c.model()).description("provider cost in USD, by model").register(meters);
                }
            }
            for (QueueStats.QueueView q : queues.all()) {
                if (q.depth() == null) {
                    continue;
                }
                queueFigures.put(q.name(), new double[] {q.depth(), q.consumers(), q.deadLetterDepth()});
                if (registered.add("queue:" + q.name())) {
                    String name = q.name();
                    Gauge.builder("reelsmith.queue.depth", queueFigures, m -> m.get(name)[0]).tag("queue", name)
                            .description("messages ready in the queue").register(meters);
                    Gauge.builder("reelsmith.queue.consumers", queueFigures, m -> m.get(name)[1]).tag("queue", name)
                            .description("consumers of the queue").register(meters);
                    Gauge.builder("reelsmith.queue.dead.letters", queueFigures, m -> m.get(name)[2]).tag("queue", name)
                            .description("messages in the queue's .dlq").register(meters);
                }
            }
        } catch (RuntimeException e) {
            log.debug("ops metrics not refreshed: {}", e.toString());
        }
    }
}
