package com.reelsmith.testing;

import com.rabbitmq.client.ConnectionFactory;
import com.reelsmith.model.Routing;
import java.util.List;
import java.util.UUID;

/**
 * The real RabbitMQ with a queue prefix of its own, so test runs never see each other's
 * messages. The prefix's exchanges and queues are deleted when the JVM exits. With
 * {@code -Dreelsmith.test.broker=embedded} the same tests run against the embedded AMQP broker
 * of the standalone mode instead, with the RabbitMQ-only queue features off.
 */
public record TestBroker(String amqpUrl, String prefix, boolean rabbitmqFeatures) {

    public static TestBroker withFreshPrefix() {
        String prefix = "rstest-" + UUID.randomUUID().toString().substring(0, 8);
        boolean embedded = "embedded".equals(System.getProperty("reelsmith.test.broker"));
        TestBroker broker = new TestBroker(embedded ? TestServices.embeddedAmqpUrl() : TestServices.amqpUrl(), prefix,
                !embedded);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::deleteTopology));
        return broker;
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

    private void deleteTopology() {
        Routing routing = new Routing(prefix);
        List<String> queues = List.of(routing.imageWorkerCommands(), routing.videoWorkerCommands(),
                routing.videoWorkerImageEvents());
        try (var connection = connectionFactory().newConnection(); var channel = connection.createChannel()) {
            for (String queue : queues) {
                channel.queueDelete(queue);
                channel.queueDelete(Routing.deadLetterQueueOf(queue));
            }
            channel.exchangeDelete(routing.commandsExchange());
            channel.exchangeDelete(routing.eventsExchange());
            channel.exchangeDelete(routing.prefix() + ".dead-letters");
        } catch (Exception e) {
            // best effort at exit: a left-over queue with a random prefix harms no other run
        }
    }
}
