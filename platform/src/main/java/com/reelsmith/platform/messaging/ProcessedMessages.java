package com.reelsmith.platform.messaging;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Idempotent consumers: a consumer records each message id in the same transaction as the
 * change the message causes, so a redelivered or duplicated message is recognised and dropped.
 */
public class ProcessedMessages {

    private final JdbcClient jdbc;

    public ProcessedMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time this consumer sees the message; false for a duplicate. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String consumer, UUID messageId) {
        return jdbc.sql("""
                insert into processed_messages (consumer, message_id) values (:consumer, :messageId)
                on conflict do nothing
                """).param("consumer", consumer).param("messageId", messageId).update() == 1;
    }
}
