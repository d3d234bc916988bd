package com.reelsmith.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.reelsmith.model.Routing;
import com.reelsmith.testing.RequiresRabbitMq;
import com.reelsmith.testing.TestBroker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The broker's own backstop (RabbitMQ only): a message whose consumer keeps giving it back (a
 * consumer that crashes before it can act looks the same to the broker) is delivered at most
 * delivery-limit + 1 times, then RabbitMQ moves it to the queue's {@code .dlq} itself, body and
 * headers kept, with the reason in {@code x-death}. The application's own dead-lettering
 * ({@link DeadLetters}) is not involved: this test has no listener, only a raw channel.
 */
@RequiresRabbitMq("a quorum queue's delivery limit and broker-side dead-lettering (x-dead-letter-exchange)")
class DeliveryLimitDeadLetteringTest {

    static final int DELIVERY_LIMIT = 2;

    TestBroker broker = TestBroker.withFreshPrefix();
    Routing routing = new Routing(broker.prefix());
    CachingConnectionFactory springConnections;
    Connection connection;
    Channel channel;

    @BeforeEach
    void declareTheTopology() throws Exception {
        springConnections = new CachingConnectionFactory(broker.uri());
        var admin = new RabbitAdmin(springConnections);
        // the declarations every service makes, with a small delivery limit to keep the test short
        var properties = new AmqpProperties(broker.prefix(), null, null, null, null, true, DELIVERY_LIMIT);
        for (var declarable : Topology.of(routing, properties).getDeclarables()) {
            if (declarable instanceof Exchange exchange) {
                admin.declareExchange(exchange);
            } else if (declarable instanceof Queue queue) {
                admin.declareQueue(queue);
            } else if (declarable instanceof Binding binding) {
                admin.declareBinding(binding);
            }
        }
        connection = broker.connectionFactory().newConnection();
        channel = connection.createChannel();
    }

    @AfterEach
    void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (springConnections != null) {
            springConnections.destroy();
        }
    }

    @Test
    void aCommandGivenBackPastTheDeliveryLimitEndsInTheDeadLetterQueueWithItsHeaders() throws Exception {
        String queue = routing.imageWorkerCommands();
        String deadLetterQueue = Routing.deadLetterQueueOf(queue);
        String messageId = UUID.randomUUID().toString();
        String jobId = UUID.randomUUID().toString();
        String body = "{\"job_id\": \"" + jobId + "\"}";
        channel.basicPublish(routing.commandsExchange(), Routing.IMAGE_GENERATE, new AMQP.BasicProperties.Builder()
                .messageId(messageId).type(Routing.IMAGE_GENERATE).contentType("application/json").deliveryMode(2)
                .headers(Map.of("job_id", jobId)).build(), body.getBytes(StandardCharsets.UTF_8));

        int deliveries = 0;
        GetResponse deadLettered = null;
        long deadline = System.currentTimeMillis() + 15_000;
        while (deadLettered == null && System.currentTimeMillis() < deadline) {
            GetResponse delivery = channel.basicGet(queue, false);
            if (delivery != null) {
                deliveries++;
                assertThat(delivery.getProps().getMessageId()).isEqualTo(messageId);
                channel.basicNack(delivery.getEnvelope().getDeliveryTag(), false, true); // give it back, as a crash would
                assertThat(deliveries).as("still delivered after %d deliveries: no delivery limit", deliveries)
                        .isLessThanOrEqualTo(DELIVERY_LIMIT + 1);
            } else {
                deadLettered = channel.basicGet(deadLetterQueue, true);
                if (deadLettered == null) {
                    Thread.sleep(20);
                }
            }
        }

        assertThat(deadLettered).as("%s never reached %s after %d deliveries", messageId, deadLetterQueue, deliveries)
                .isNotNull();
        assertThat(deliveries).as("delivered once, then redelivered up to the limit").isEqualTo(DELIVERY_LIMIT + 1);
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).as("nothing left in " + queue).isZero();
        assertThat(new String(deadLettered.getBody(), StandardCharsets.UTF_8)).isEqualTo(body);
        var props = deadLettered.getProps();
        assertThat(props.getMessageId()).isEqualTo(messageId);
        assertThat(props.getType()).isEqualTo(Routing.IMAGE_GENERATE);
        Map<String, Object> headers = props.getHeaders();
        assertThat(String.valueOf(headers.get("job_id"))).as("the application's headers are kept").isEqualTo(jobId);
        assertThat(String.valueOf(headers.get("x-first-death-reason"))).isEqualTo("delivery_limit");
        assertThat(String.valueOf(headers.get("x-first-death-queue"))).isEqualTo(queue);
        @SuppressWarnings("unchecked")
        var deaths = (List<Map<String, Object>>) headers.get("x-death");
        assertThat(deaths).as("x-death in %s", headers).hasSize(1);
        assertThat(String.valueOf(deaths.get(0).get("reason"))).isEqualTo("delivery_limit");
        assertThat(String.valueOf(deaths.get(0).get("queue"))).isEqualTo(queue);
    }
}
