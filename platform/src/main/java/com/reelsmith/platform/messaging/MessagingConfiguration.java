package com.reelsmith.platform.messaging;

import com.reelsmith.model.Routing;
import com.reelsmith.platform.jobs.DueJobs;
import com.reelsmith.platform.jobs.JobTransitions;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/** The messaging every service shares: topology, outbox and relay, consumers' safety nets. */
@AutoConfiguration(beforeName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@EnableConfigurationProperties(AmqpProperties.class)
public class MessagingConfiguration {

    @Bean
    Routing routing(AmqpProperties properties) {
        return new Routing(properties.prefix());
    }

    @Bean
    Declarables reelsmithTopology(Routing routing, AmqpProperties properties) {
        return Topology.of(routing, properties);
    }

    @Bean
    OutboxSignal outboxSignal() {
        return new OutboxSignal();
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, ObjectMapper json, Routing routing, OutboxSignal signal) {
        return new Outbox(jdbc, json, routing, signal);
    }

    @Bean
    @ConditionalOnProperty(name = "reelsmith.outbox.relay", havingValue = "true", matchIfMissing = true)
    OutboxRelay outboxRelay(OutboxSignal signal, JdbcClient jdbc, TransactionTemplate transaction,
                            RabbitTemplate rabbit, ObjectMapper json, AmqpProperties properties, Routing routing) {
        return new OutboxRelay(signal, jdbc, transaction, rabbit, json, properties, routing);
    }

    @Bean
    JobTransitions jobTransitions(JdbcClient jdbc) {
        return new JobTransitions(jdbc);
    }

    @Bean
    DueJobs dueJobs(JdbcClient jdbc) {
        return new DueJobs(jdbc);
    }

    @Bean
    ProcessedMessages processedMessages(JdbcClient jdbc) {
        return new ProcessedMessages(jdbc);
    }

    @Bean
    InboundMessages inboundMessages(ObjectMapper json, DeadLetters deadLetters) {
        return new InboundMessages(json, deadLetters);
    }

    @Bean
    DeadLetterLog deadLetterLog(JdbcClient jdbc, ObjectMapper json, PlatformTransactionManager transactions) {
        return new DeadLetterLog(jdbc, json, transactions);
    }

    @Bean
    DeadLetters deadLetters(RabbitTemplate rabbit, AmqpProperties properties, DeadLetterLog letters) {
        return new DeadLetters(rabbit, properties, letters);
    }

    /**
     * On RabbitMQ, where the broker dead-letters on its own, the .dlq queues are drained into
     * dead_letters by whichever service turns this on (the gateway does, DEAD_LETTERS_DRAIN).
     * The embedded broker dead-letters nothing by itself: the application records every letter.
     */
    @Bean
    @ConditionalOnProperty(name = "reelsmith.dead-letters.drain", havingValue = "true")
    SimpleMessageListenerContainer brokerDeadLetterDrain(ConnectionFactory connectionFactory, DeadLetterLog letters,
                                                         Routing routing, AmqpProperties properties) {
        var container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(BrokerDeadLetterDrain.queues(routing).toArray(String[]::new));
        container.setMessageListener(new BrokerDeadLetterDrain(letters));
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(true);
        container.setPrefetchCount(10);
        // the queues may not be declared yet when this starts; it waits for them rather than failing the start
        container.setMissingQueuesFatal(false);
        container.setAutoStartup(properties.rabbitmqFeatures());
        return container;
    }

    /**
     * Listeners ack only after they return, i.e. after their transaction committed. A failure
     * that is not poison (the database briefly away, say) is retried a few times with backoff,
     * then the message goes to the dead-letter queue; the job itself stays in Postgres, where
     * the workers' sweeper finds it again. A listener never spins on one message.
     */
    @Bean
    SimpleRabbitListenerContainerFactory rabbitListenerContainerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
            DeadLetters deadLetters, AmqpProperties properties) {
        var factory = new SimpleRabbitListenerContainerFactory();
        configurer.configure(factory, connectionFactory);
        factory.setAcknowledgeMode(AcknowledgeMode.AUTO);
        factory.setPrefetchCount(properties.prefetch());
        factory.setDefaultRequeueRejected(false);
        factory.setAdviceChain(RetryInterceptorBuilder.stateless()
                .maxRetries(4)
                .backOffOptions(500, 2.0, 8_000)
                .recoverer(deadLetters)
                .build());
        return factory;
    }
}
