package dev.supportdesk.aws;

import dev.supportdesk.aws.store.S3BlobStore;
import dev.supportdesk.aws.workflow.LambdaOcrReemitter;
import dev.supportdesk.workflow.WorkflowStepsConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The workflow step function ({@link StepHandler}): the steps the state machine runs. Stuck OCR work
 * is re-emitted by invoking the OCR function, since this zip has no engine. Only the tables and the
 * steps: not the API's configuration, whose ticket routes (presigned uploads) and workflow starter
 * (states:StartExecution) a step never calls and whose permissions the function's role would otherwise
 * have to carry (FunctionPermissionsTest derives the role from what this configuration wires).
 */
@Configuration(proxyBeanMethods = false)
@Import({AwsTablesConfiguration.class, WorkflowStepsConfiguration.class})
public class AwsWorkflowConfiguration {

    @Bean(destroyMethod = "close")
    @Lazy // only a retry step with stuck uploads uses it
    LambdaClient lambdaClient() {
        return AwsClients.lambda();
    }

    @Bean
    LambdaOcrReemitter ocrReemitter(ObjectProvider<LambdaClient> lambda, S3BlobStore blobs, AwsProperties properties) {
        return new LambdaOcrReemitter(lambda::getObject, blobs, properties.ocrFunctionArn(), properties.bucketName());
    }
}
