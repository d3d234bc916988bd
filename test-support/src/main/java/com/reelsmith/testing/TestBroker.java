package com.reelsmith.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.reelsmith.model.Routing;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The test broker (see {@link TestServices}: RabbitMQ, or the embedded Qpid broker) with a queue
 * prefix of its own, so test runs never see each other's messages. The prefix's exchanges and
 * queues are deleted when the JVM exits. With {@code -Dreelsmith.test.broker=embedded} (or
 * {@code REELSMITH_TEST_SERVICES=embedded}) the same tests run against the embedded AMQP broker of
 * the standalone mode instead, with the RabbitMQ-only queue features off
 * ({@link #rabbitmqFeatures()}; tests that need them say {@link RequiresRabbitMq}).
 */
public record TestBroker(String amqpUrl, String prefix, boolean rabbitmqFeatures) {

    public static TestBroker withFreshPrefix() {
        String prefix = "rstest-" + UUID.randomUUID().toString().substring(0, 8);
        var amqp = TestServices.amqp();
        TestBroker broker = new TestBroker(amqp.url(), prefix, amqp.rabbitmq());
        if (amqp.rabbitmq()) {
            // the embedded broker goes at exit with all its queues; connecting to it as it stops would only race
            Runtime.getRuntime().addShutdownHook(new Thread(broker::deleteTopology));
        }
        return broker;
    }

    /** Whether the test broker is a RabbitMQ (false: the embedded Qpid broker), without making a prefix. */
    public static boolean isRabbitMq() {
        return TestServices.amqp().rabbitmq();
    }

    /** The broker's host and port, for a {@link TcpProxy} in front of it. */
    public java.net.URI uri() {
        return java.net.URI.create(amqpUrl);
    }

    /** The same broker reached through a proxy on {@code port} (credentials kept). */
    public String amqpUrlThrough(int port) {
        var uri = uri();
        return uri.getScheme() + "://" + uri.getRawUserInfo() + "@127.0.0.1:" + port;
    }

    public ConnectionFactory connectionFactory() {
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(amqpUrl);
            return factory;
        } catch (Exception e) {
            throw new IllegalStateException("bad AMQP_URL " + amqpUrl, e);
        }
    }

    /**
     * Deletes every queue ({@link Routing#everyQueue()}) and exchange of this prefix, at exit. On
     * the machine's RabbitMQ a left-over quorum queue holds about three of the broker's file handles,
     * so a few runs' worth (about 300 with the usual limit of 1,024) stop it accepting connections.
     * The tests' Spring contexts close on another shutdown hook at the same time, and a listener
     * still running declares again a queue deleted under it: so this waits (at most 10 s) until the
     * prefix's queues have no consumers left, deletes, and deletes again whatever came back. All of
     * it within 20 s, because Surefire halts a test JVM 30 s after it starts to exit.
     */
    public void deleteTopology() {
        Routing routing = new Routing(prefix);
        long start = System.nanoTime();
        long stopWaitingAt = start + TimeUnit.SECONDS.toNanos(10);
        long giveUpAt = start + TimeUnit.SECONDS.toNanos(20);
        ConnectionFactory factory = connectionFactory();
        factory.setConnectionTimeout(5_000);
        factory.setHandshakeTimeout(5_000);
        factory.setChannelRpcTimeout(5_000);
        factory.setAutomaticRecoveryEnabled(false);
        try (Connection connection = factory.newConnection("reelsmith-test-cleanup")) {
            while (existing(connection, routing).values().stream().anyMatch(consumers -> consumers > 0)
                    && System.nanoTime() < stopWaitingAt) {
                Thread.sleep(200); // polls the broker: the contexts' shutdown hook gives no signal to wait on
            }
            Map<String, Integer> left;
            do {
                for (String queue : routing.everyQueue()) {
                    try (Channel channel = connection.createChannel()) {
                        channel.queueDelete(queue);
                    }
                }
                try (Channel channel = connection.createChannel()) {
                    channel.exchangeDelete(routing.commandsExchange());
                    channel.exchangeDelete(routing.eventsExchange());
                }
                Thread.sleep(500); // a listener still closing declares again within this
                left = existing(connection, routing);
            } while (!left.isEmpty() && System.nanoTime() < giveUpAt);
            if (!left.isEmpty()) {
                System.err.println("test queues still there after the clean-up of " + prefix + ": " + left.keySet());
            }
        } catch (Exception e) {
            System.err.println("could not delete the test queues of " + prefix + ": " + e);
        }
    }

    /** The prefix's queues that exist, each with its number of consumers. */
    private static Map<String, Integer> existing(Connection connection, Routing routing) {
        Map<String, Integer> existing = new LinkedHashMap<>();
        for (String queue : routing.everyQueue()) {
            try (Channel channel = connection.createChannel()) {
                existing.put(queue, channel.queueDeclarePassive(queue).getConsumerCount());
            } catch (IOException | TimeoutException | RuntimeException e) {
                // no such queue: the 404 closed the channel
            }
            if (!connection.isOpen()) {
                throw new IllegalStateException("lost the connection to the broker", connection.getCloseReason());
            }
        }
        return existing;
    }
}
