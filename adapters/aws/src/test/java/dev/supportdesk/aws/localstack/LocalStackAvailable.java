package dev.supportdesk.aws.localstack;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only where a Docker engine answers and the LocalStack image is already present
 * (these machines cannot pull images). Everywhere else the class is skipped, and the skip says which
 * of the two is missing. The same contracts always run against DynamoDB Local and moto.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalStackAvailable.Condition.class)
public @interface LocalStackAvailable {

    String IMAGE = "localstack/localstack:4.4";

    class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return ConditionEvaluationResult.disabled("skipped: no Docker engine is reachable on this machine; "
                        + "the store and API contracts ran against DynamoDB Local and moto S3 instead");
            }
            try {
                DockerClientFactory.instance().client().inspectImageCmd(IMAGE).exec();
            } catch (RuntimeException missing) {
                return ConditionEvaluationResult.disabled("skipped: Docker runs but the image " + IMAGE
                        + " is not present and cannot be pulled here; `docker pull " + IMAGE + "` to run these tests");
            }
            return ConditionEvaluationResult.enabled("Docker and " + IMAGE + " are available");
        }
    }
}
