package com.reelsmith.platform.messaging;

import com.reelsmith.model.Routing;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;

/**
 * On RabbitMQ the broker dead-letters on its own (a quorum queue's delivery limit), behind the
 * application's back; this consumer drains every {@code .dlq} into {@code dead_letters}, so the
 * table is the one place to look and listing never consumes a queue. A copy the application
 * dead-lettered itself is recorded already and only counted again. The message is acked once
 * its row is committed; when the database is away the listener throws and the broker keeps it.
 */
public class BrokerDeadLetterDrain implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(BrokerDeadLetterDrain.class);

    private final DeadLetterLog letters;

    public BrokerDeadLetterDrain(DeadLetterLog letters) {
        this.letters = letters;
    }

    public static List<String> queues(Routing routing) {
        return Topology.workQueues(routing).stream().map(Routing::deadLetterQueueOf).toList();
    }

    @Override
    public void onMessage(Message message) {
        MessageProperties properties = message.getMessageProperties();
        Map<String, Object> headers = properties.getHeaders();
        String dlq = properties.getConsumerQueue();
        String queue = text(headers.get("x-original-queue"), dlq.endsWith(".dlq") ? dlq.substring(0, dlq.length() - 4) : dlq);
        String exchange = text(headers.get("x-original-exchange"), null);
        String routingKey = text(headers.get("x-original-routing-key"), null);
        String reason = text(headers.get("x-dead-letter-reason"), null);
        // the broker's own record: x-death, one entry per queue the message died in, newest first
        if (headers.get("x-death") instanceof List<?> deaths && !deaths.isEmpty() && deaths.get(0) instanceof Map<?, ?> death) {
            if (exchange == null) {
                exchange = text(death.get("exchange"), null);
            }
            if (routingKey == null && death.get("routing-keys") instanceof List<?> keys && !keys.isEmpty()) {
                routingKey = String.valueOf(keys.get(0));
            }
            if (reason == null) {
                reason = "dead-lettered by the broker: " + death.get("reason") + " (delivered "
                        + death.get("count") + " time(s))";
            }
        }
        letters.record(letters.of(message, queue, exchange, routingKey, reason == null ? "dead-lettered" : reason));
        log.debug("recorded dead letter {} from {}", properties.getMessageId(), queue);
    }

    private static String text(Object value, String otherwise) {
        return value == null ? otherwise : value.toString();
    }
}
