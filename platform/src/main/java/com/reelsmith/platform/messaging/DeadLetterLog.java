package com.reelsmith.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code dead_letters} table: one row per message per queue, written when the application
 * dead-letters a message ({@link DeadLetters}) and when a message is drained from a broker's
 * {@code .dlq} ({@link BrokerDeadLetterDrain}). Seeing the same message again (the drain finding
 * the copy the application already recorded, a redelivery) bumps {@code times_seen}; a letter an
 * operator already replayed or discarded keeps that status. Written in a transaction of its own:
 * a listener's rolled-back work must not take the record with it.
 */
public class DeadLetterLog {

    /** What is known of a dead letter where it is recorded. */
    public record Letter(String queue, String exchange, String routingKey, String messageId, String type, UUID jobId,
                         String reason, String payload, Map<String, Object> headers) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate ownTransaction;

    public DeadLetterLog(JdbcClient jdbc, ObjectMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public void record(Letter letter) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                insert into dead_letters (queue, exchange, routing_key, message_id, message_type, job_id, reason, payload, headers)
                values (:queue, :exchange, :routingKey, :messageId, :type, :jobId, :reason, :payload, cast(:headers as jsonb))
                on conflict (queue, message_id) do update
                  set last_seen_at = now(), times_seen = dead_letters.times_seen + 1
                """).param("queue", letter.queue()).param("exchange", nullToEmpty(letter.exchange()))
                .param("routingKey", nullToEmpty(letter.routingKey())).param("messageId", letter.messageId())
                .param("type", letter.type()).param("jobId", letter.jobId()).param("reason", letter.reason())
                .param("payload", letter.payload()).param("headers", json.writeValueAsString(letter.headers())).update());
    }

    /** The letter a message is, as far as its properties tell (the caller names queue, route and reason). */
    Letter of(Message message, String queue, String exchange, String routingKey, String reason) {
        MessageProperties properties = message.getMessageProperties();
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        String messageId = properties.getMessageId() != null ? properties.getMessageId()
                : "body-" + UUID.nameUUIDFromBytes(message.getBody());
        Map<String, Object> headers = new LinkedHashMap<>();
        properties.getHeaders().forEach((name, value) -> headers.put(name, printable(value)));
        String type = properties.getType() != null ? properties.getType() : stringOrNull(headers.get("type"));
        UUID jobId = uuidOrNull(headers.get("job_id"));
        if (jobId == null) {
            jobId = jobIdInBody(body);
        }
        return new Letter(queue, exchange, routingKey, messageId, type, jobId, reason, body, headers);
    }

    /** Every message record names its job; an unreadable body names none. */
    private UUID jobIdInBody(String body) {
        try {
            return uuidOrNull(json.readTree(body).path("job_id").stringValue(null));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** Header values as JSON can hold them (the broker's x-death is a list of tables; long strings arrive as bytes). */
    private static Object printable(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), printable(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DeadLetterLog::printable).toList();
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : value.toString();
    }

    private static UUID uuidOrNull(Object value) {
        try {
            return value == null ? null : UUID.fromString(value.toString());
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
