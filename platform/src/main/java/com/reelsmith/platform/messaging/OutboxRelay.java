package com.reelsmith.platform.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ReturnCallback;
import com.rabbitmq.client.ReturnListener;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import com.reelsmith.model.Routing;
import com.reelsmith.platform.jdbc.Rows;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Sends outbox rows to RabbitMQ and marks them published, only after the broker confirmed them.
 * Several instances relay at once without sending a row twice: each claims a batch with
 * {@code FOR UPDATE SKIP LOCKED} and holds the row locks only while publishing it. A commit
 * that wrote rows in this process wakes the relay at once ({@link OutboxSignal}); the idle poll
 * finds rows other processes wrote and left (their relay stopped).
 * While the broker is down rows simply stay unpublished and are retried with backoff: nothing
 * a client was told "accepted" is lost. A message that must reach a queue is published as
 * mandatory, so one no queue would take is returned rather than confirmed and forgotten; such a
 * row, like any the broker refuses, records {@code attempts} and {@code last_error} and is backed
 * off on its own ({@code next_attempt_at}) while the rows behind it go on. Delivery is at least
 * once; consumers are idempotent.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final String NACKED = "nacked by the broker";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long MAX_BACKOFF_MS = 5_000;
    /** A failing row waits 1 s, 2 s, 4 s ... up to this between attempts. */
    private static final Duration MAX_ROW_BACKOFF = Duration.ofMinutes(5);
    /** From this many failed attempts on, each failure of a row is logged as an error. */
    private static final int LOUD_AFTER_ATTEMPTS = 10;
    private static final int MAX_ERROR_CHARS = 1_000;
    private static final MessagePropertiesConverter PROPERTIES = new DefaultMessagePropertiesConverter();

    record Row(long id, UUID messageId, String exchange, String routingKey, String type, String headers, String payload) {
    }

    private final OutboxSignal signal;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final RabbitTemplate rabbit;
    private final ObjectMapper json;
    private final AmqpProperties properties;
    private final Routing routing;
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(OutboxSignal signal, JdbcClient jdbc, TransactionTemplate transaction, RabbitTemplate rabbit,
                       ObjectMapper json, AmqpProperties properties, Routing routing) {
        this.signal = signal;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.rabbit = rabbit;
        this.json = json;
        this.properties = properties;
        this.routing = routing;
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
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Relays as long as there is work; returns how many rows were sent. Public for tests and benchmarks. */
    public int relayPending() {
        int total = 0;
        Batch batch;
        do {
            batch = relayBatch();
            total += batch.published();
        } while (batch.claimed() == properties.relayBatch());
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

    /** What one claimed batch came to: rows taken, rows the broker now has. */
    private record Batch(int claimed, int published) {
    }

    private Batch relayBatch() {
        Batch batch = transaction.execute(status -> {
            List<Row> rows = jdbc.sql("""
                    select id, message_id, exchange, routing_key, type, headers::text, payload::text
                    from outbox
                    where published_at is null and (next_attempt_at is null or next_attempt_at <= now())
                    order by id limit :batch
                    for update skip locked
                    """).param("batch", properties.relayBatch()).query(Rows.of(Row.class)).list();
            if (rows.isEmpty()) {
                return new Batch(0, 0);
            }
            Outcome outcome = publishConfirmed(rows);
            Map<UUID, String> failures = outcome.failures();
            // only what the broker confirmed is published; a row neither confirmed nor refused is tried again
            List<Long> published = rows.stream().filter(r -> outcome.confirmed().contains(r.messageId())).map(Row::id)
                    .toList();
            if (!published.isEmpty()) {
                jdbc.sql("""
                        update outbox set published_at = now(), attempts = attempts + 1, next_attempt_at = null
                        where id in (:ids)
                        """).param("ids", published).update();
            }
            rows.stream().filter(r -> failures.containsKey(r.messageId()))
                    .forEach(r -> recordFailure(r, failures.get(r.messageId())));
            return new Batch(rows.size(), published.size());
        });
        return batch == null ? new Batch(0, 0) : batch;
    }

    /**
     * A row the broker would not take is tried again later, on its own clock, so it never holds
     * up the rows behind it. It is never dropped: after many failures it is still tried every
     * few minutes, and each failure is logged as an error, since only a person can fix it.
     */
    private void recordFailure(Row row, String error) {
        String message = error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error;
        Integer attempts = jdbc.sql("""
                update outbox set attempts = attempts + 1, last_error = :error,
                    next_attempt_at = now() + least(make_interval(secs => power(2, least(attempts, 20))),
                                                    make_interval(secs => :maxBackoff))
                where id = :id
                returning attempts
                """).param("error", message).param("maxBackoff", MAX_ROW_BACKOFF.toSeconds()).param("id", row.id())
                .query(Integer.class).single();
        if (attempts >= LOUD_AFTER_ATTEMPTS) {
            log.error("outbox row {} ({} {} to exchange {} with key {}) failed {} times and is still not delivered; "
                            + "retrying every {} until it is: {}", row.id(), row.type(), row.messageId(), row.exchange(),
                    row.routingKey(), attempts, MAX_ROW_BACKOFF, message);
        } else {
            log.warn("outbox row {} ({} {}) not delivered (attempt {}), backing off: {}", row.id(), row.type(),
                    row.messageId(), attempts, message);
        }
    }

    /**
     * Sends the rows and waits for the broker's confirms. Returns, by message id, the rows it did
     * not take: returned as unroutable (a message that must reach a queue is published as
     * mandatory, and the broker returns it before it confirms it), nacked, or refused outright
     * (an exchange that does not exist closes the channel; the rows are then sent one by one
     * to find which). Throws when the broker cannot be reached at all: then nothing is the
     * row's fault, the whole batch stays and the relay backs off as a whole.
     */
    private Outcome publishConfirmed(List<Row> rows) {
        Attempt attempt = publishOnOneChannel(rows);
        Set<UUID> confirmed = new HashSet<>(attempt.confirmed());
        Map<UUID, String> failures = new HashMap<>(attempt.failures());
        if (attempt.channelError() != null) {
            List<Row> unsure = rows.stream()
                    .filter(r -> !attempt.confirmed().contains(r.messageId()) && !failures.containsKey(r.messageId()))
                    .toList();
            for (Row row : unsure) {
                Attempt alone = unsure.size() == 1 && rows.size() == 1 ? attempt : publishOnOneChannel(List.of(row));
                if (alone.channelError() != null) {
                    failures.put(row.messageId(), "refused by the broker: " + alone.channelError());
                } else {
                    failures.putAll(alone.failures());
                    confirmed.addAll(alone.confirmed());
                }
            }
        }
        if (log.isDebugEnabled()) {
            rows.stream().filter(r -> confirmed.contains(r.messageId()))
                    .forEach(r -> log.debug("relayed {} {} to {}", r.type(), r.messageId(), r.exchange()));
        }
        return new Outcome(confirmed, failures);
    }

    /** Of a batch: the rows the broker confirmed, and the rows it would not take, with why. */
    private record Outcome(Set<UUID> confirmed, Map<UUID, String> failures) {
    }

    /**
     * One publish of some rows on one channel. confirmed: rows the broker acked and did not
     * return; failures: rows it returned or nacked; channelError: why the broker closed the
     * channel, when it did (the rows neither confirmed nor failed are then undecided).
     */
    private record Attempt(Set<UUID> confirmed, Map<UUID, String> failures, String channelError) {
    }

    private Attempt publishOnOneChannel(List<Row> rows) {
        return rabbit.execute(channel -> {
            NavigableMap<Long, Row> pending = new ConcurrentSkipListMap<>();
            Set<UUID> acked = ConcurrentHashMap.newKeySet();
            Map<UUID, String> failures = new ConcurrentHashMap<>();
            // the client calls both listeners on its connection thread in the order the broker
            // sent them, and the broker sends basic.return before the confirm of the same message
            ReturnCallback onReturned = returned -> {
                String id = returned.getProperties().getMessageId();
                if (id != null) {
                    failures.put(UUID.fromString(id), "unroutable: no queue is bound to exchange " + returned.getExchange()
                            + " with routing key " + returned.getRoutingKey() + " (" + returned.getReplyCode() + " "
                            + returned.getReplyText() + ")");
                }
            };
            ConfirmListener onConfirm = new ConfirmListener() {
                @Override
                public void handleAck(long seq, boolean multiple) {
                    settle(seq, multiple).forEach(row -> acked.add(row.messageId()));
                }

                @Override
                public void handleNack(long seq, boolean multiple) {
                    settle(seq, multiple).forEach(row -> failures.putIfAbsent(row.messageId(), NACKED));
                }

                private List<Row> settle(long seq, boolean multiple) {
                    var settled = multiple ? pending.headMap(seq, true) : pending.subMap(seq, true, seq, true);
                    List<Row> rowsSettled = List.copyOf(settled.values());
                    settled.clear();
                    return rowsSettled;
                }
            };
            ReturnListener onReturn = channel.addReturnListener(onReturned);
            channel.addConfirmListener(onConfirm);
            AtomicReference<String> closedBecause = new AtomicReference<>();
            ShutdownListener onClose = cause -> closedBecause.compareAndSet(null, closeReason(cause));
            channel.addShutdownListener(onClose);
            try {
                for (Row row : rows) {
                    pending.put(channel.getNextPublishSeqNo(), row);
                    channel.basicPublish(row.exchange(), row.routingKey(), mustBeRouted(row), toAmqp(row), body(row));
                }
                channel.waitForConfirms(properties.confirmTimeout().toMillis());
                if (!pending.isEmpty()) {
                    // the broker closed the channel, and the template's channel proxy went on with a
                    // fresh one that had nothing to confirm: the rows left pending are undecided
                    String reason = closedBecause.get();
                    return new Attempt(confirmedOnly(acked, failures), Map.copyOf(failures),
                            reason != null ? reason : "the channel closed before the broker confirmed every message");
                }
                if (failures.containsValue(NACKED)) {
                    // Qpid (the standalone broker) sends an unroutable message's nack first and its
                    // basic.return after: one synchronous round trip on the channel (a no-op, it is
                    // in confirm mode already) lets every return sent before it arrive, so the row
                    // usually says "unroutable" there as it does on RabbitMQ (not always: a return
                    // Qpid sends after that round trip leaves "nacked"; the row is failed either way)
                    channel.confirmSelect();
                }
                return new Attempt(confirmedOnly(acked, failures), Map.copyOf(failures), null);
            } catch (ShutdownSignalException e) {
                if (e.isHardError()) {
                    throw e; // the connection went: nothing to blame on a row
                }
                return new Attempt(confirmedOnly(acked, failures), Map.copyOf(failures), closeReason(e));
            } finally {
                if (channel.isOpen()) {
                    channel.removeReturnListener(onReturn);
                    channel.removeConfirmListener(onConfirm);
                }
                if (channel.isOpen()) {
                    channel.removeShutdownListener(onClose); // on a closed proxy this would open a fresh channel
                }
            }
        });
    }

    private static Set<UUID> confirmedOnly(Set<UUID> acked, Map<UUID, String> failures) {
        Set<UUID> confirmed = new HashSet<>(acked);
        confirmed.removeAll(failures.keySet());
        return confirmed;
    }

    /**
     * A command, or an event some queue subscribes to, must reach a queue: the broker returns it
     * if it cannot. An event nobody subscribes to is done once the broker has it.
     */
    private boolean mustBeRouted(Row row) {
        return !row.exchange().equals(routing.eventsExchange()) || Topology.SUBSCRIBED_EVENTS.contains(row.routingKey());
    }

    private static String closeReason(ShutdownSignalException e) {
        Object reason = e.getReason();
        if (reason instanceof AMQP.Channel.Close close) {
            return close.getReplyCode() + " " + close.getReplyText();
        }
        return String.valueOf(e.getMessage());
    }

    private static byte[] body(Row row) {
        return row.payload().getBytes(StandardCharsets.UTF_8);
    }

    private AMQP.BasicProperties toAmqp(Row row) {
        Map<String, Object> headers = json.readValue(row.headers(), new TypeReference<Map<String, Object>>() { });
        MessageProperties message = new MessageProperties();
        message.setContentType("application/json");
        message.setContentEncoding("utf-8");
        message.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        message.setMessageId(row.messageId().toString());
        message.setType(row.type());
        message.setCorrelationId(String.valueOf(headers.get("correlation_id")));
        headers.forEach(message::setHeader);
        return PROPERTIES.fromMessageProperties(message, "utf-8");
    }

    private void awaitNotification() {
        try {
            signal.await(properties.relayIdlePoll());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
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
