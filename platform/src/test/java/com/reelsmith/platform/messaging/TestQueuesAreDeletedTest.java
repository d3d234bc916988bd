package com.reelsmith.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Connection;
import com.reelsmith.model.Routing;
import com.reelsmith.testing.RequiresRabbitMq;
import com.reelsmith.testing.TestBroker;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * A test run leaves none of its quorum queues on the machine's RabbitMQ: each holds some of the
 * broker's file handles until deleted, and a few hundred left over by earlier runs once made the
 * broker stop answering new connections in the middle of CI.
 */
@RequiresRabbitMq("quorum queues, the kind that pile up on the machine's RabbitMQ")
class TestQueuesAreDeletedTest {

    @Test
    void deletingATestPrefixRemovesEveryQueueTheServicesDeclare() throws Exception {
        TestBroker broker = TestBroker.withFreshPrefix();
        Routing routing = new Routing(broker.prefix());
        List<String> declared = declareTheTopology(broker, routing);
        assertThat(declared).hasSize(10).allSatisfy(queue -> assertThat(routing.everyQueue()).contains(queue));

        try (Connection connection = broker.connectionFactory().newConnection()) {
            for (String queue : declared) {
                assertThat(connection.createChannel().queueDeclarePassive(queue).getQueue()).isEqualTo(queue);
            }

            broker.deleteTopology();

            for (String queue : declared) {
                // a passive declaration of a missing queue closes its channel with 404: one channel each
                assertThatThrownBy(() -> connection.createChannel().queueDeclarePassive(queue)).as(queue)
                        .isInstanceOf(IOException.class).hasStackTraceContaining("NOT_FOUND");
            }
        }
    }

    /** The declarations every service makes on RabbitMQ (quorum queues with their dead-letter queues). */
    private static List<String> declareTheTopology(TestBroker broker, Routing routing) {
        var connections = new CachingConnectionFactory(broker.uri());
        try {
            var admin = new RabbitAdmin(connections);
            var properties = new AmqpProperties(broker.prefix(), null, null, null, null, true, 3);
            var topology = Topology.of(routing, properties);
            for (var declarable : topology.getDeclarables()) {
                if (declarable instanceof Exchange exchange) {
                    admin.declareExchange(exchange);
                } else if (declarable instanceof Queue queue) {
                    admin.declareQueue(queue);
                } else if (declarable instanceof Binding binding) {
                    admin.declareBinding(binding);
                }
            }
            return topology.getDeclarablesByType(Queue.class).stream().map(Queue::getName).toList();
        } finally {
            connections.destroy();
        }
    }
}
