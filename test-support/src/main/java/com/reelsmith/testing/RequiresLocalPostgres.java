package com.reelsmith.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test (or test class) that needs the machine's own PostgreSQL service, to stop and start it
 * with {@code pg_ctlcluster}. On the embedded PostgreSQL (a bare machine, or
 * {@code REELSMITH_TEST_SERVICES=embedded}) it is skipped, reported as
 * {@code needs the machine's PostgreSQL service: <value>}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(TestServicesCondition.class)
public @interface RequiresLocalPostgres {

    /** What the test does to the server, for the skip message. */
    String value();
}
