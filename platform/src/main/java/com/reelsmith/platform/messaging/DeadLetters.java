package com.reelsmith.platform.messaging;

import com.reelsmith.model.Routing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;

/**
 * Moves a message that cannot be handled to {@code <queue>.dlq}, with the reason in headers,
 * and waits for the broker's confirm before the original is acked. Done by the application,
 * not by a broker argument, so it works on RabbitMQ and on the embedded broker alike.
 */
public class DeadLetters implements MessageRecoverer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final RabbitTemplate rabbit;
    private final AmqpProperties properties;

    public DeadLetters(RabbitTemplate rabbit, AmqpProperties properties) {
        this.rabbit = rabbit;
        this.properties = properties;
    }

    @Override
    public void recover(Message message, Throwable cause) {
        String queue = message.getMessageProperties().getConsumerQueue();
        String deadLetterQueue = Routing.deadLetterQueueOf(queue);
        Throwable reason = cause instanceof PoisonMessage || cause.getCause() == null ? cause : rootOf(cause);
        Message copy = MessageBuilder.fromClonedMessage(message)
                .setHeader("x-dead-letter-reason", String.valueOf(reason.getMessage()))
                .setHeader("x-exception-type", reason.getClass().getName())
                .setHeader("x-original-queue", queue)
                .build();
        rabbit.invoke(operations -> {
            operations.send("", deadLetterQueue, copy);
            operations.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
            return null;
        });
        log.error("dead-lettered message {} (type {}, job {}) from {}: {}", message.getMessageProperties().getMessageId(),
                message.getMessageProperties().getType(), message.getMessageProperties().getHeaders().get("job_id"),
                queue, reason.getMessage());
    }

    private static Throwable rootOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof PoisonMessage)) {
            root = root.getCause();
        }
        return root;
    }
}
