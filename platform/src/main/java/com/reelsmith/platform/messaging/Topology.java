package com.reelsmith.platform.messaging;

import com.reelsmith.model.Routing;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * The whole topology, declared by every service when it connects (declaring is idempotent).
 * Every service declares every queue so a command is never unroutable, whichever service
 * happened to start first. Dead-letter queues are filled by the application (see
 * {@link DeadLetters}), which works on every AMQP 0-9-1 broker, not only RabbitMQ.
 */
public final class Topology {

    private Topology() {
    }

    public static Declarables of(Routing routing) {
        var commands = new DirectExchange(routing.commandsExchange(), true, false);
        var events = new TopicExchange(routing.eventsExchange(), true, false);
        List<Declarable> all = new ArrayList<>(List.of(commands, events));
        addQueue(all, routing.imageWorkerCommands(), commands, Routing.IMAGE_GENERATE);
        addQueue(all, routing.videoWorkerCommands(), commands, Routing.VIDEO_GENERATE);
        Queue imageEvents = addQueue(all, routing.videoWorkerImageEvents(), null, null);
        all.add(BindingBuilder.bind(imageEvents).to(events).with(Routing.IMAGE_SUCCEEDED));
        all.add(BindingBuilder.bind(imageEvents).to(events).with(Routing.IMAGE_FAILED));
        return new Declarables(all);
    }

    private static Queue addQueue(List<Declarable> all, String name, DirectExchange exchange, String routingKey) {
        Queue queue = QueueBuilder.durable(name).build();
        all.add(queue);
        all.add(QueueBuilder.durable(Routing.deadLetterQueueOf(name)).build());
        if (exchange != null) {
            Binding binding = BindingBuilder.bind(queue).to(exchange).with(routingKey);
            all.add(binding);
        }
        return queue;
    }
}
