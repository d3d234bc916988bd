package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.Routing;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every lasting queue the gateway declares (the platform's topology and its own client-events queue) is
 * one that {@link Routing#everyQueue()} names, so a test run's clean-up misses none of them.
 */
class DeclaredQueuesTest extends GatewayIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    Routing routing;

    @Test
    void everyDeclaredQueueIsNamedByRouting() {
        var declared = Stream.concat(context.getBeansOfType(Queue.class).values().stream(),
                        context.getBeansOfType(Declarables.class).values().stream()
                                .flatMap(declarables -> declarables.getDeclarablesByType(Queue.class).stream()))
                .filter(queue -> !queue.isAutoDelete() && !queue.isExclusive()) // those go with their connection
                .map(Queue::getName).toList();

        assertThat(declared).contains(routing.gatewayClientEvents(), routing.imageWorkerCommands());
        assertThat(routing.everyQueue()).containsAll(declared);
    }
}
