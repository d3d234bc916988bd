package com.reelsmith.testing;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Skips what {@link RequiresRabbitMq} or {@link RequiresLocalPostgres} marks when the test
 * services are the embedded ones, saying what the test needs; runs it everywhere else.
 */
final class TestServicesCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<AnnotatedElement> element = context.getElement();
        var rabbitmq = AnnotationSupport.findAnnotation(element, RequiresRabbitMq.class);
        if (rabbitmq.isPresent() && !TestServices.amqp().rabbitmq()) {
            return ConditionEvaluationResult.disabled("needs RabbitMQ: " + rabbitmq.get().value()
                    + "; the test broker is the " + TestServices.amqp().description());
        }
        var postgres = AnnotationSupport.findAnnotation(element, RequiresLocalPostgres.class);
        if (postgres.isPresent() && TestServices.postgres().source() == TestServices.Source.EMBEDDED) {
            return ConditionEvaluationResult.disabled("needs the machine's PostgreSQL service: " + postgres.get().value()
                    + "; the test database is the " + TestServices.postgres().description());
        }
        return ConditionEvaluationResult.enabled("the test services have what it needs");
    }
}
