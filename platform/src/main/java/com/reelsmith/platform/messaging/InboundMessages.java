package com.reelsmith.platform.messaging;

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

    public InboundMessages(ObjectMapper json) {
        this.json = json;
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
