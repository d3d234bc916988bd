package com.reelsmith.platform.messaging;

import java.util.function.Consumer;
import org.springframework.amqp.core.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a message body as its contract record; an unreadable body is poison, not a retry.
 * Unknown fields are ignored: a newer producer may add fields without poisoning older consumers.
 */
public class InboundMessages {

    private final ObjectMapper json;
    private final DeadLetters deadLetters;

    public InboundMessages(ObjectMapper json, DeadLetters deadLetters) {
        this.json = json;
        this.deadLetters = deadLetters;
    }

    /**
     * What every listener does: read the message as its contract and hand it on; poison (an
     * unreadable message, a job that does not exist) goes to the dead-letter queue and is acked.
     * Any other failure propagates, so the container retries and then dead-letters it.
     */
    public <T> void consume(Message message, Class<T> type, Consumer<T> handler) {
        try {
            handler.accept(read(message, type));
        } catch (PoisonMessage poison) {
            deadLetters.recover(message, poison);
        }
    }

    public <T> T read(Message message, Class<T> type) {
        try {
            T value = json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(message.getBody());
            if (value == null) {
                throw new PoisonMessage("empty " + type.getSimpleName() + " message");
            }
            return value;
        } catch (JacksonException e) {
            throw new PoisonMessage("unreadable " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
