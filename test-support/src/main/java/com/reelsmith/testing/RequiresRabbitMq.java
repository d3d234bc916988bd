package com.reelsmith.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test (or test class) that needs something only RabbitMQ has: quorum queues and their delivery
 * limit, broker-side dead-lettering ({@code x-dead-letter-exchange}), the management API, or
 * {@code rabbitmqctl} to stop and start it. On the embedded Qpid broker (a bare machine, or
 * {@code REELSMITH_TEST_SERVICES=embedded}) it is skipped, reported as
 * {@code needs RabbitMQ: <value>}; on every RabbitMQ it runs.
 *
 * <pre>{@code @RequiresRabbitMq("rabbitmqctl stop_app during submissions")}</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(TestServicesCondition.class)
public @interface RequiresRabbitMq {

    /** What the test needs of RabbitMQ, for the skip message. */
    String value();
}
