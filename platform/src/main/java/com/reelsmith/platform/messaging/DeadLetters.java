package com.reelsmith.platform.messaging;

import com.reelsmith.model.Routing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;

/**
 * Moves a message that cannot be handled to {@code <queue>.dlq}, with the reason in headers,
 * and waits for the broker's confirm before the original is acked. Done by the application,
 * not by a broker argument, so it works on RabbitMQ and on the embedded broker alike. The letter
 * is recorded in Postgres first ({@link DeadLetterLog}), with its reason, job and original
 * route, so an operator can list and replay it without consuming the queue; when the database is
 * away the message still goes to the {@code .dlq} (on RabbitMQ the gateway's drain records it later).
 */
public class DeadLetters implements MessageRecoverer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final RabbitTemplate rabbit;
    private final AmqpProperties properties;
    private final DeadLetterLog letters;

    public DeadLetters(RabbitTemplate rabbit, AmqpProperties properties, DeadLetterLog letters) {
        this.rabbit = rabbit;
        this.properties = properties;
        this.letters = letters;
    }

    @Override
    public void recover(Message message, Throwable cause) {
        MessageProperties original = message.getMessageProperties();
        String queue = original.getConsumerQueue();
        String deadLetterQueue = Routing.deadLetterQueueOf(queue);
        Throwable reason = cause instanceof PoisonMessage || cause.getCause() == null ? cause : rootOf(cause);
        String why = String.valueOf(reason.getMessage());
        try {
            letters.record(letters.of(message, queue, original.getReceivedExchange(), original.getReceivedRoutingKey(),
                    why));
        } catch (RuntimeException databaseAway) {
            log.warn("could not record dead letter {} from {} in the database ({}); it goes to {} all the same",
                    original.getMessageId(), queue, databaseAway.toString(), deadLetterQueue);
        }
        Message copy = MessageBuilder.fromClonedMessage(message)
                .setHeader("x-dead-letter-reason", why)
                .setHeader("x-exception-type", reason.getClass().getName())
                .setHeader("x-original-queue", queue)
                .setHeader("x-original-exchange", original.getReceivedExchange())
                .setHeader("x-original-routing-key", original.getReceivedRoutingKey())
                .build();
        rabbit.invoke(operations -> {
            operations.send("", deadLetterQueue, copy);
            operations.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
            return null;
        });
        log.error("dead-lettered message {} (type {}, job {}) from {}: {}", original.getMessageId(),
                original.getType(), original.getHeaders().get("job_id"), queue, why);
    }

    private static Throwable rootOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof PoisonMessage)) {
            root = root.getCause();
        }
        return root;
    }
}
