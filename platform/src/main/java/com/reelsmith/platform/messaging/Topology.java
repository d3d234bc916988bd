package com.reelsmith.platform.messaging;

import com.reelsmith.model.Routing;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * {@link DeadLetters}), which works on every AMQP 0-9-1 broker, not only RabbitMQ. On RabbitMQ
 * the queues are also quorum queues with a delivery limit and the broker dead-letters to the
 * same {@code .dlq}: the backstop for a message whose consumer dies before it can act.
 */
public final class Topology {

    /**
     * Event types some queue is bound to. Such an event must reach it (the relay publishes it as
     * mandatory); an event nobody subscribes to is done once the broker has it.
     */
    public static final Set<String> SUBSCRIBED_EVENTS = Set.of(Routing.IMAGE_SUCCEEDED, Routing.IMAGE_FAILED,
            Routing.VIDEO_SUCCEEDED, Routing.VIDEO_FAILED);

    private Topology() {
    }

    /** Every queue a worker consumes, each with its {@code .dlq} beside it. */
    public static List<String> workQueues(Routing routing) {
        return List.of(routing.imageWorkerCommands(), routing.videoWorkerCommands(), routing.studioWorkerCommands(),
                routing.videoWorkerImageEvents());
    }

    public static Declarables of(Routing routing, AmqpProperties properties) {
        var commands = new DirectExchange(routing.commandsExchange(), true, false);
        var events = new TopicExchange(routing.eventsExchange(), true, false);
        List<Declarable> all = new ArrayList<>(List.of(commands, events));
        addQueue(all, properties, routing.imageWorkerCommands(), commands, Routing.IMAGE_GENERATE);
        addQueue(all, properties, routing.videoWorkerCommands(), commands, Routing.VIDEO_GENERATE);
        Queue studio = addQueue(all, properties, routing.studioWorkerCommands(), commands, Routing.STORYBOARD_PLAN);
        // productions and exports share the studio worker's queue: one listener dispatches by type
        all.add(BindingBuilder.bind(studio).to(commands).with(Routing.AD_PRODUCE));
        all.add(BindingBuilder.bind(studio).to(commands).with(Routing.AD_EXPORT));
        Queue imageEvents = addQueue(all, properties, routing.videoWorkerImageEvents(), null, null);
        all.add(BindingBuilder.bind(imageEvents).to(events).with(Routing.IMAGE_SUCCEEDED));
        all.add(BindingBuilder.bind(imageEvents).to(events).with(Routing.IMAGE_FAILED));
        // a production's scene clips finishing (the studio worker ignores a video event with no production parent)
        Queue videoEvents = addQueue(all, properties, routing.studioWorkerVideoEvents(), null, null);
        all.add(BindingBuilder.bind(videoEvents).to(events).with(Routing.VIDEO_SUCCEEDED));
        all.add(BindingBuilder.bind(videoEvents).to(events).with(Routing.VIDEO_FAILED));
        return new Declarables(all);
    }

    private static Queue addQueue(List<Declarable> all, AmqpProperties properties, String name, DirectExchange exchange,
                                  String routingKey) {
        String deadLetters = Routing.deadLetterQueueOf(name);
        QueueBuilder queue = QueueBuilder.durable(name);
        QueueBuilder deadLetterQueue = QueueBuilder.durable(deadLetters);
        if (properties.rabbitmqFeatures()) {
            queue.quorum().deliveryLimit(properties.deliveryLimit()).deadLetterExchange("").deadLetterRoutingKey(deadLetters);
            deadLetterQueue.quorum();
        }
        all.add(deadLetterQueue.build());
        Queue built = queue.build();
        all.add(built);
        if (exchange != null) {
            Binding binding = BindingBuilder.bind(built).to(exchange).with(routingKey);
            all.add(binding);
        }
        return built;
    }
}
