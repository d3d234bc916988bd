package com.reelsmith.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Sends outbox rows to RabbitMQ and marks them published, only after the broker confirmed them.
 * Several instances relay at once without sending a row twice: each claims a batch with
 * {@code FOR UPDATE SKIP LOCKED} and holds the row locks only while publishing it. A new row
 * wakes the relay at once (the outbox trigger's NOTIFY); the idle poll is only a safety net.
 * While the broker is down rows simply stay unpublished and are retried with backoff: nothing
 * a client was told "accepted" is lost. Delivery is at least once; consumers are idempotent.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long MAX_BACKOFF_MS = 5_000;

    record Row(long id, UUID messageId, String exchange, String routingKey, String type, String headers, String payload) {
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final RabbitTemplate rabbit;
    private final ObjectMapper json;
    private final AmqpProperties properties;
    private volatile boolean running;
    private Thread thread;
    private Connection listener;

    public OutboxRelay(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transaction, RabbitTemplate rabbit,
                       ObjectMapper json, AmqpProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.rabbit = rabbit;
        this.json = json;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
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
        closeListener();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Relays as long as there is work; returns how many rows were sent. Public for tests and benchmarks. */
    public int relayPending() {
        int total = 0;
        int sent;
        do {
            sent = relayBatch();
            total += sent;
        } while (sent == properties.relayBatch());
        return total;
    }

    private void loop() {
        long backoff = 100;
        while (running) {
            try {
                relayPending();
                backoff = 100;
                awaitNotification();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("outbox relay: cannot publish now ({}); retrying in {} ms", rootMessage(e), backoff);
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private int relayBatch() {
        Integer sent = transaction.execute(status -> {
            List<Row> rows = jdbc.sql("""
                    select id, message_id, exchange, routing_key, type, headers::text, payload::text
                    from outbox where published_at is null
                    order by id limit :batch
                    for update skip locked
                    """).param("batch", properties.relayBatch()).query(Row.class).list();
            if (rows.isEmpty()) {
                return 0;
            }
            publishConfirmed(rows);
            jdbc.sql("update outbox set published_at = now(), attempts = attempts + 1 where id in (:ids)")
                    .param("ids", rows.stream().map(Row::id).toList()).update();
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    private void publishConfirmed(List<Row> rows) {
        rabbit.invoke(operations -> {
            for (Row row : rows) {
                operations.send(row.exchange(), row.routingKey(), toAmqp(row));
            }
            operations.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
            return null;
        });
        if (log.isDebugEnabled()) {
            rows.forEach(r -> log.debug("relayed {} {} to {}", r.type(), r.messageId(), r.exchange()));
        }
    }

    private org.springframework.amqp.core.Message toAmqp(Row row) {
        Map<String, Object> headers = json.readValue(row.headers(), new TypeReference<Map<String, Object>>() { });
        var builder = MessageBuilder.withBody(row.payload().getBytes(StandardCharsets.UTF_8))
                .setContentType("application/json")
                .setContentEncoding("utf-8")
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setMessageId(row.messageId().toString())
                .setType(row.type())
                .setCorrelationId(String.valueOf(headers.get("correlation_id")));
        headers.forEach(builder::setHeader);
        return builder.build();
    }

    private void awaitNotification() {
        try {
            if (listener == null || listener.isClosed()) {
                listener = dataSource.getConnection();
                listener.setAutoCommit(true);
                try (var statement = listener.createStatement()) {
                    statement.execute("listen reelsmith_outbox");
                }
            }
            listener.unwrap(PGConnection.class).getNotifications((int) properties.relayIdlePoll().toMillis());
        } catch (SQLException e) {
            closeListener();
            if (running) {
                log.debug("outbox relay: notification connection lost ({}); polling", e.getMessage());
                sleep(properties.relayIdlePoll().toMillis());
            }
        }
    }

    private void closeListener() {
        if (listener != null) {
            try {
                listener.close();
            } catch (SQLException ignored) {
                // closing a broken connection: nothing left to do
            }
            listener = null;
        }
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
