package com.reelsmith.gateway.ops;

import com.reelsmith.model.Routing;
import com.reelsmith.platform.messaging.Topology;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Each work queue as an operator sees it. Depth and consumers come from a passive declare, which
 * both RabbitMQ and the embedded broker answer. Rates come from RabbitMQ's management API when
 * {@code RABBITMQ_MANAGEMENT_URL} is set and answers ({@code rates_source: "rabbitmq_management"});
 * otherwise the gateway works them out ({@code rates_source: "gateway"}): published per second is
 * what the outbox relay confirmed for the queue's routing keys in the last minute; delivered per
 * second is that minus the depth's own change between this look and the previous one (so the first
 * look after a start has no deliver rate).
 */
@Component
class QueueStats {

    private static final Logger log = LoggerFactory.getLogger(QueueStats.class);
    private static final Duration WINDOW = Duration.ofSeconds(60);

    record QueueView(String name, String deadLetterQueue, Long depth, Long consumers, Long deadLetterDepth,
                     Double publishPerSecond, Double deliverPerSecond, String ratesSource, String error) {
    }

    private record Sample(long atNanos, long depth) {
    }

    private record Passive(long depth, long consumers) {
    }

    private final RabbitTemplate rabbit;
    private final Routing routing;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final String managementUrl;
    private final Map<String, Sample> previous = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    QueueStats(RabbitTemplate rabbit, Routing routing, JdbcClient jdbc, ObjectMapper json,
               @Value("${reelsmith.ops.rabbitmq-management-url:}") String managementUrl) {
        this.rabbit = rabbit;
        this.routing = routing;
        this.jdbc = jdbc;
        this.json = json;
        this.managementUrl = managementUrl == null || managementUrl.isBlank() ? null : managementUrl.replaceAll("/+$", "");
    }

    List<QueueView> all() {
        List<QueueView> views = new ArrayList<>();
        for (String queue : Topology.workQueues(routing)) {
            views.add(of(queue));
        }
        return views;
    }

    /** The routing keys whose messages land in a queue (commands by type; the saga's image events). */
    List<String> routingKeysOf(String queue) {
        if (queue.equals(routing.imageWorkerCommands())) {
            return List.of(Routing.IMAGE_GENERATE);
        } else if (queue.equals(routing.videoWorkerCommands())) {
            return List.of(Routing.VIDEO_GENERATE);
        } else if (queue.equals(routing.studioWorkerCommands())) {
            return List.of(Routing.STORYBOARD_PLAN);
        }
        return List.copyOf(Topology.SUBSCRIBED_EVENTS);
    }

    private QueueView of(String queue) {
        String dlq = Routing.deadLetterQueueOf(queue);
        Passive main;
        Passive dead;
        try {
            main = passive(queue);
            dead = passive(dlq);
        } catch (RuntimeException e) {
            return new QueueView(queue, dlq, null, null, null, null, null, null, "broker unreachable or queue missing: " + e.getMessage());
        }
        double[] rates = managementRates(queue);
        String source = "rabbitmq_management";
        if (rates == null) {
            rates = gatewayRates(queue, main.depth());
            source = "gateway";
        }
        return new QueueView(queue, dlq, main.depth(), main.consumers(), dead.depth(), round(rates[0]),
                Double.isNaN(rates[1]) ? null : round(rates[1]), source, null);
    }

    private Passive passive(String queue) {
        return rabbit.execute(channel -> {
            var ok = channel.queueDeclarePassive(queue);
            return new Passive(ok.getMessageCount(), ok.getConsumerCount());
        });
    }

    private double[] gatewayRates(String queue, long depth) {
        long published = jdbc.sql("""
                select count(*) from outbox
                where routing_key in (:keys) and published_at > now() - make_interval(secs => :window)
                """).param("keys", routingKeysOf(queue)).param("window", WINDOW.toSeconds()).query(Long.class).single();
        double publishRate = published / (double) WINDOW.toSeconds();
        long now = System.nanoTime();
        Sample before = previous.put(queue, new Sample(now, depth));
        double deliverRate = Double.NaN;
        if (before != null && now - before.atNanos() > 500_000_000L) {
            double seconds = (now - before.atNanos()) / 1e9;
            deliverRate = Math.max(0, publishRate - (depth - before.depth()) / seconds);
        }
        return new double[] {publishRate, deliverRate};
    }

    /** publish and deliver rates from the management API, or null when it is not configured or does not answer. */
    private double[] managementRates(String queue) {
        if (managementUrl == null) {
            return null;
        }
        try {
            URI base = URI.create(managementUrl);
            String vhost = base.getPath() == null || base.getPath().isBlank() ? "%2F" : "";
            URI uri = URI.create(base.getScheme() + "://" + base.getHost() + ":" + base.getPort()
                    + (vhost.isEmpty() ? base.getPath() : "") + "/api/queues/" + vhost + "/"
                    + URLEncoder.encode(queue, StandardCharsets.UTF_8));
            var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET();
            if (base.getUserInfo() != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(base.getUserInfo().getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                log.debug("management API answered {} for {}", response.statusCode(), queue);
                return null;
            }
            JsonNode stats = json.readTree(response.body()).path("message_stats");
            return new double[] {stats.path("publish_details").path("rate").asDouble(0),
                    stats.path("deliver_get_details").path("rate").asDouble(0)};
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("management API unavailable for {}: {}", queue, e.toString());
            return null;
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
