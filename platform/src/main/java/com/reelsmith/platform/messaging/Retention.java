package com.reelsmith.platform.messaging;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox and the processed-messages table only grow. Published outbox rows are history,
 * and a message id only needs remembering while the message could still be redelivered
 * (seconds to minutes after it was first handled), so both are trimmed after a generous window,
 * in small batches so no sweep holds long locks.
 */
public class Retention {

    private final JdbcClient jdbc;

    public Retention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns how many rows were removed. */
    public int purgeOlderThan(Duration keep) {
        long seconds = keep.toSeconds();
        int outbox = jdbc.sql("""
                delete from outbox where id in (
                    select id from outbox where published_at < now() - make_interval(secs => :seconds) limit 10000)
                """).param("seconds", seconds).update();
        int processed = jdbc.sql("""
                delete from processed_messages where (consumer, message_id) in (
                    select consumer, message_id from processed_messages
                    where processed_at < now() - make_interval(secs => :seconds) limit 10000)
                """).param("seconds", seconds).update();
        return outbox + processed;
    }
}
