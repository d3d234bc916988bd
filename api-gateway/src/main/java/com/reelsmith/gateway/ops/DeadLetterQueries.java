package com.reelsmith.gateway.ops;

import com.reelsmith.platform.jdbc.Rows;
import com.reelsmith.platform.messaging.Outbox;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The dead_letters table as operators act on it. A replay goes through the outbox to the
 * letter's original exchange and routing key, in the same transaction that marks the letter
 * replayed (new -> replayed is one conditional update), under a message id derived from the
 * letter: replaying twice sends once and answers the same both times.
 */
@Component
class DeadLetterQueries {

    record Letter(long id, String queue, String exchange, String routingKey, String messageId, String messageType,
                  UUID jobId, String reason, String payload, String headers, Instant firstSeenAt, Instant lastSeenAt,
                  int timesSeen, String status, Instant actedAt, String actedBy, UUID replayMessageId) {
    }

    /**
     * What a replay came to: {@code replayed} (the same answer every time; {@code replayedNow} says
     * whether this call sent it) or {@code refused} with a reason.
     */
    record Replayed(Letter letter, String outcome, boolean replayedNow, String reason) {
    }

    private static final String COLUMNS = """
            id, queue, exchange, routing_key, message_id, message_type, job_id, reason, payload, headers::text as headers,
            first_seen_at, last_seen_at, times_seen, status, acted_at, acted_by, replay_message_id""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Outbox outbox;
    private final ObjectMapper json;

    DeadLetterQueries(JdbcClient jdbc, TransactionTemplate transaction, Outbox outbox, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.outbox = outbox;
        this.json = json;
    }

    Optional<Letter> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from dead_letters where id = :id").param("id", id)
                .query(Rows.of(Letter.class)).optional();
    }

    /** Newest first; {@code queue} and {@code status} filter when given. */
    List<Letter> list(String queue, String status, long beforeId, int limitPlusOne) {
        return jdbc.sql("select " + COLUMNS + """
                 from dead_letters
                where id < :before and (cast(:queue as text) is null or queue = :queue)
                  and (cast(:status as text) is null or status = :status)
                order by id desc limit :limit
                """).param("before", beforeId).param("queue", queue).param("status", status).param("limit", limitPlusOne)
                .query(Rows.of(Letter.class)).list();
    }

    /** Ids of new letters, oldest first, for "replay all". */
    List<Long> newIds(String queue, int limit) {
        return jdbc.sql("""
                select id from dead_letters where status = 'new' and (cast(:queue as text) is null or queue = :queue)
                order by id limit :limit
                """).param("queue", queue).param("limit", limit).query(Long.class).list();
    }

    Replayed replay(Letter letter, String by) {
        if ("replayed".equals(letter.status())) {
            return new Replayed(letter, "replayed", false, null);
        }
        if ("discarded".equals(letter.status())) {
            return new Replayed(letter, "refused", false, "the letter was discarded");
        }
        if (letter.exchange().isEmpty() && letter.routingKey().isEmpty()) {
            return new Replayed(letter, "refused", false, "the letter does not say where it was first sent");
        }
        if (!isJson(letter.payload())) {
            return new Replayed(letter, "refused", false, "the payload is not JSON, so no consumer could read it; discard it");
        }
        UUID replayId = UUID.nameUUIDFromBytes(("dead-letter-replay:" + letter.id()).getBytes(StandardCharsets.UTF_8));
        Boolean replayedNow = transaction.execute(status -> {
            int marked = jdbc.sql("""
                    update dead_letters set status = 'replayed', acted_at = now(), acted_by = :by, replay_message_id = :replayId
                    where id = :id and status = 'new'
                    """).param("id", letter.id()).param("by", by).param("replayId", replayId).update();
            if (marked == 0) {
                return false; // someone else acted on it first
            }
            Map<String, Object> headers = json.readValue(letter.headers(), new TypeReference<Map<String, Object>>() { });
            headers.putIfAbsent("message_id", letter.messageId());
            outbox.resend(replayId, letter.exchange(), letter.routingKey(), letter.messageType(), headers, letter.payload());
            return true;
        });
        Letter now = find(letter.id()).orElseThrow();
        if (Boolean.TRUE.equals(replayedNow)) {
            return new Replayed(now, "replayed", true, null);
        }
        return "replayed".equals(now.status()) ? new Replayed(now, "replayed", false, null)
                : new Replayed(now, "refused", false, "the letter is " + now.status());
    }

    /** new -> discarded; false when it was not new. */
    boolean discard(long id, String by) {
        return jdbc.sql("""
                update dead_letters set status = 'discarded', acted_at = now(), acted_by = :by where id = :id and status = 'new'
                """).param("id", id).param("by", by).update() == 1;
    }

    private boolean isJson(String payload) {
        try {
            json.readTree(payload);
            return payload != null && !payload.isBlank();
        } catch (JacksonException e) {
            return false;
        }
    }
}
