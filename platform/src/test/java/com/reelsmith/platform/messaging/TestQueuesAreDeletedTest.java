package com.reelsmith.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Connection;
import com.reelsmith.model.Routing;
import com.reelsmith.testing.RequiresRabbitMq;
import com.reelsmith.testing.TestBroker;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A test run leaves none of its quorum queues on the machine's RabbitMQ: each holds some of the
 * broker's file handles until deleted, and a few hundred left over by earlier runs once made the
 * broker stop answering new connections in the middle of CI. The clean-up runs at exit, while the
 * tests' Spring contexts are still closing: a listener that is still running declares again a queue
 * deleted under it, so the clean-up must outlast the listeners.
 */
@RequiresRabbitMq("quorum queues, the kind that pile up on the machine's RabbitMQ")
class TestQueuesAreDeletedTest {

    @Test
    void theCleanUpAtExitLeavesNoQueueEvenWhileAListenerIsStillClosing() throws Exception {
        TestBroker broker = TestBroker.withFreshPrefix();
        Routing routing = new Routing(broker.prefix());
        var context = servicesContext(broker, routing);
        try {
            List<String> declared = context.getBean(Declarables.class).getDeclarablesByType(Queue.class).stream()
                    .map(Queue::getName).toList();
            assertThat(declared).hasSize(10).allSatisfy(queue -> assertThat(routing.everyQueue()).contains(queue));
            assertThat(existing(broker, declared)).containsExactlyElementsOf(declared);

            // as at JVM exit: the context closes on one shutdown hook while the clean-up runs on another
            var closing = CompletableFuture.runAsync(() -> {
                sleep(1_500); // the clean-up starts while the listener still runs, as at exit
                context.close();
            });
            broker.deleteTopology();
            closing.get(30, TimeUnit.SECONDS);

            assertThat(existing(broker, declared)).as("queues left after the clean-up").isEmpty();
        } finally {
            context.close();
        }
    }

    /** What a service has: its topology declared by a RabbitAdmin and a listener on the image commands. */
    private static GenericApplicationContext servicesContext(TestBroker broker, Routing routing) {
        var context = new GenericApplicationContext();
        var properties = new AmqpProperties(broker.prefix(), null, null, null, null, true, 3);
        context.registerBean(CachingConnectionFactory.class, () -> new CachingConnectionFactory(broker.uri()));
        context.registerBean(RabbitAdmin.class, () -> new RabbitAdmin(context.getBean(CachingConnectionFactory.class)));
        context.registerBean(Declarables.class, () -> Topology.of(routing, properties));
        context.registerBean(SimpleMessageListenerContainer.class, () -> {
            var container = new SimpleMessageListenerContainer(context.getBean(CachingConnectionFactory.class));
            container.setQueueNames(routing.imageWorkerCommands());
            container.setMissingQueuesFatal(false); // as the gateway's dead-letter drain: waits for a missing queue
            container.setMessageListener(message -> { });
            return container;
        });
        context.refresh();
        return context;
    }

    private static List<String> existing(TestBroker broker, List<String> queues) throws Exception {
        try (Connection connection = broker.connectionFactory().newConnection()) {
            return queues.stream().filter(queue -> {
                try {
                    // a passive declaration of a missing queue closes its channel with 404: one channel each
                    connection.createChannel().queueDeclarePassive(queue);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
