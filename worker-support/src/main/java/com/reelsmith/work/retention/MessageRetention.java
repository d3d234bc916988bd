package com.reelsmith.work.retention;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox and the processed-messages table only grow. Published outbox rows are history,
 * and a message id only needs remembering while the message could still be redelivered
 * (seconds to minutes after it was first handled), so both are trimmed after a generous window.
 * A pass deletes batch after batch, each its own short transaction so no statement holds locks
 * for long, until nothing old is left or its time budget is spent; the next pass goes on from
 * there. The indexes on {@code published_at} and {@code processed_at} (V3) let each batch find
 * its rows without reading the whole table, and the rows found are deleted by their physical
 * address, not looked up again by key (old published rows and message ids are never updated,
 * and a row changed meanwhile would simply not match its old address).
 */
public class MessageRetention {

    private final JdbcClient jdbc;
    private final int batch;
    private final Duration passBudget;

    public MessageRetention(JdbcClient jdbc, int batch, Duration passBudget) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.passBudget = passBudget;
    }

    /** Returns how many rows were removed. */
    public int purgeOlderThan(Duration keep) {
        long deadline = System.nanoTime() + passBudget.toNanos();
        long seconds = keep.toSeconds();
        int removed = 0;
        boolean outboxLeft = true;
        boolean processedLeft = true;
        do {
            if (outboxLeft) {
                int outbox = jdbc.sql("""
                        delete from outbox where ctid = any(array(
                            select ctid from outbox where published_at < now() - make_interval(secs => :seconds)
                            limit :batch))
                        """).param("seconds", seconds).param("batch", batch).update();
                removed += outbox;
                outboxLeft = outbox == batch;
            }
            if (processedLeft) {
                int processed = jdbc.sql("""
                        delete from processed_messages where ctid = any(array(
                            select ctid from processed_messages
                            where processed_at < now() - make_interval(secs => :seconds) limit :batch))
                        """).param("seconds", seconds).param("batch", batch).update();
                removed += processed;
                processedLeft = processed == batch;
            }
        } while ((outboxLeft || processedLeft) && System.nanoTime() < deadline);
        return removed;
    }
}
