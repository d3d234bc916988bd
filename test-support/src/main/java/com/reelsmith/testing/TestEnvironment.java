package com.reelsmith.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a service under test at its own database and queue prefix, as the environment variables would. */
public final class TestEnvironment {

    private TestEnvironment() {
    }

    public static void wire(DynamicPropertyRegistry registry, TestDatabase db, TestBroker broker) {
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("spring.rabbitmq.addresses", broker::amqpUrl);
        registry.add("reelsmith.amqp.prefix", broker::prefix);
        registry.add("reelsmith.amqp.rabbitmq-features", broker::rabbitmqFeatures);
    }

    /** A worker's context with PROVIDER=replicate against {@code replicate}, polling its predictions every 200 ms. */
    public static void wireReplicate(DynamicPropertyRegistry registry, FakeReplicate replicate) {
        registry.add("reelsmith.provider.name", () -> "replicate");
        registry.add("reelsmith.replicate.base-url", () -> replicate.url().toString());
        registry.add("reelsmith.replicate.api-token", () -> FakeReplicate.TEST_TOKEN);
        registry.add("reelsmith.replicate.poll-interval", () -> "200ms");
    }
}
