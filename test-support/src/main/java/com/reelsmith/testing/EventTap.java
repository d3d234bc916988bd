package com.reelsmith.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test's own queue on the real broker: bound to an exchange (the events, say) to see what a
 * service emitted, or used to read a service's queues and dead-letter queues directly.
 */
public final class EventTap implements AutoCloseable {

    public record Received(String routingKey, String messageId, Map<String, Object> headers, String body) {
    }

    private final Connection connection;
    private final Channel channel;
    private final String queue;
    private boolean confirming;

    private EventTap(Connection connection, Channel channel, String queue) {
        this.connection = connection;
        this.channel = channel;
        this.queue = queue;
    }

    /** A private, exclusive queue bound to {@code exchange} with {@code bindingKey} (topic syntax). */
    public static EventTap on(TestBroker broker, String exchange, String bindingKey) {
        try {
            Connection connection = broker.connectionFactory().newConnection();
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(exchange, "topic", true);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, bindingKey);
            return new EventTap(connection, channel, queue);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a queue the service under test declared (a dead-letter queue, say), waiting a little
     * for it to exist: the test never declares it itself, so the queue keeps the service's arguments.
     */
    public static EventTap reading(TestBroker broker, String queue) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            try {
                Connection connection = broker.connectionFactory().newConnection();
                Channel channel = connection.createChannel();
                try {
                    channel.queueDeclarePassive(queue);
                    return new EventTap(connection, channel, queue);
                } catch (java.io.IOException notYet) {
                    connection.abort();
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("queue " + queue + " was never declared", notYet);
                    }
                    Thread.sleep(100);
                }
            } catch (IllegalStateException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The next message, waiting up to {@code timeoutMs}; null when none came. */
    public Received next(long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        try {
            do {
                GetResponse r = channel.basicGet(queue, true);
                if (r != null) {
                    return new Received(r.getEnvelope().getRoutingKey(), r.getProps().getMessageId(),
                            r.getProps().getHeaders(), new String(r.getBody(), StandardCharsets.UTF_8));
                }
                Thread.sleep(25);
            } while (System.currentTimeMillis() < deadline);
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything that arrives within {@code windowMs}. */
    public List<Received> drain(long windowMs) {
        List<Received> all = new ArrayList<>();
        Received r;
        while ((r = next(windowMs)) != null) {
            all.add(r);
        }
        return all;
    }

    /** Publishes raw bytes with a message id, bypassing every service: for duplicates and poison. */
    public void publish(String exchange, String routingKey, String messageId, String body) {
        try {
            var props = new com.rabbitmq.client.AMQP.BasicProperties.Builder().messageId(messageId)
                    .contentType("application/json").deliveryMode(2).build();
            if (!confirming) {
                channel.confirmSelect();
                confirming = true;
            }
            channel.basicPublish(exchange, routingKey, props, body.getBytes(StandardCharsets.UTF_8));
            // the broker has it before the test goes on, and a close() right after cannot cut it off
            channel.waitForConfirmsOrDie(5_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception ignored) {
            // closing at the end of a test
        }
    }
}
