package dev.supportdesk.aws;

import dev.supportdesk.aws.store.DynamoDbTicketStore;
import dev.supportdesk.aws.store.DynamoDbWorkflowStore;
import dev.supportdesk.aws.store.S3BlobStore;
import dev.supportdesk.aws.workflow.StepFunctionsWorkflowStarter;
import org.springframework.beans.factory.ObjectProvider;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import dev.supportdesk.aws.workflow.LambdaOcrReemitter;
import dev.supportdesk.config.FunctionsConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The AWS runtime's Spring context: the core's functions plus DynamoDB and S3 implementations of
 * its ports. No component scanning and only Spring Cloud Function's own auto-configuration, to keep
 * the cold start short; SDK clients are built once per Lambda instance.
 */
@Configuration(proxyBeanMethods = false)
@Import(FunctionsConfiguration.class)
@ImportAutoConfiguration(ContextFunctionCatalogAutoConfiguration.class)
@EnableConfigurationProperties(AwsProperties.class)
public class AwsConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Bean(destroyMethod = "close")
    S3Client s3Client() {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner() {
        return S3Presigner.create();
    }

    @Bean
    DynamoDbTicketStore ticketStore(DynamoDbClient dynamoDb, AwsProperties properties) {
        return new DynamoDbTicketStore(dynamoDb, required(properties.tableName(), "SUPPORTDESK_AWS_TABLE_NAME"));
    }

    @Bean(destroyMethod = "close")
    @Lazy // only the functions that start a run or re-emit OCR work use it; not on every cold start
    SfnClient sfnClient() {
        return SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Bean
    DynamoDbWorkflowStore workflowStore(DynamoDbClient dynamoDb, AwsProperties properties) {
        return new DynamoDbWorkflowStore(dynamoDb, required(properties.tableName(), "SUPPORTDESK_AWS_TABLE_NAME"));
    }

    @Bean
    StepFunctionsWorkflowStarter workflowStarter(ObjectProvider<SfnClient> sfn, AwsProperties properties) {
        return new StepFunctionsWorkflowStarter(sfn::getObject, properties.stateMachineArn());
    }

    @Bean(destroyMethod = "close")
    @Lazy
    LambdaClient lambdaClient() {
        return LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Bean
    LambdaOcrReemitter ocrReemitter(ObjectProvider<LambdaClient> lambda, S3BlobStore blobs, AwsProperties properties) {
        return new LambdaOcrReemitter(lambda::getObject, blobs, properties.ocrFunctionArn(), properties.bucketName());
    }

    @Bean
    S3BlobStore blobStore(S3Client s3, S3Presigner presigner, AwsProperties properties) {
        return new S3BlobStore(s3, presigner, required(properties.bucketName(), "SUPPORTDESK_AWS_BUCKET_NAME"));
    }

    private static String required(String value, String variable) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + variable + " is not set");
        }
        return value;
    }
}
