package com.reelsmith.gateway.clientwebhooks;

import com.reelsmith.model.Routing;
import com.reelsmith.model.StoryboardApproved;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateways' shared, durable queue of the events clients may hear of: every job's end
 * ({@code <kind>.succeeded|failed|canceled}), a storyboard approved, a production finished. All
 * gateway instances consume it as competing consumers; {@link ClientEventFanOut} turns each event
 * into deliveries. Declared by the gateway only: the writers of the events stay as they were.
 */
@Configuration
class ClientEventQueue {

    static final List<String> BINDINGS = List.of("*.succeeded", "*.failed", "*.canceled", StoryboardApproved.TYPE,
            "production.finished");

    static String name(Routing routing) {
        return routing.gatewayClientEvents();
    }

    @Bean
    Declarables clientEventTopology(Routing routing) {
        // the same exchange the platform's topology declares (declaring it again is idempotent)
        var events = new TopicExchange(routing.eventsExchange(), true, false);
        Queue queue = QueueBuilder.durable(name(routing)).build();
        List<Declarable> all = new ArrayList<>(List.of(events, queue,
                QueueBuilder.durable(Routing.deadLetterQueueOf(name(routing))).build()));
        BINDINGS.forEach(key -> all.add(BindingBuilder.bind(queue).to(events).with(key)));
        return new Declarables(all);
    }
}
