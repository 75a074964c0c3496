package dev.supportdesk.aws;

import dev.supportdesk.aws.clients.AwsTransientFailures;
import dev.supportdesk.aws.store.DynamoDbKeys;
import dev.supportdesk.aws.store.DynamoDbTicketStore;
import dev.supportdesk.aws.store.DynamoDbWorkflowStore;
import dev.supportdesk.aws.store.S3BlobStore;
import dev.supportdesk.aws.workflow.LambdaOcrReemitter;
import dev.supportdesk.aws.workflow.StepFunctionsWorkflowStarter;
import dev.supportdesk.aws.telemetry.AwsMetricsProperties;
import dev.supportdesk.aws.telemetry.EmfTelemetry;
import dev.supportdesk.config.Functional;
import dev.supportdesk.tickets.TicketProperties;
import dev.supportdesk.telemetry.MetricRegistry;
import dev.supportdesk.telemetry.Telemetry;
import dev.supportdesk.tickets.TicketsFunctions;
import dev.supportdesk.workflow.WorkflowFunctions;
import dev.supportdesk.workflow.WorkflowStepsFunctions;
import java.time.Clock;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The Lambda functions' contexts as functional bean registrations (what {@link AwsApiConfiguration}
 * and {@link AwsWorkflowConfiguration} declare, with the same constructors): measured faster to start
 * than configuration classes under Spring Boot (docs/benchmarks.md). The functions stay
 * {@code FunctionRegistration} beans behind Spring Cloud Function's {@link FunctionCatalog}: for the API
 * one that returns them as registered ({@link RegisteredFunctions}), for the workflow steps SCF's own
 * converting registry ({@link ConvertingFunctions}, Jackson 2 only).
 */
public final class AwsFunctions {

    private AwsFunctions() {
    }

    /** The API function: ticket and workflow-run routes. */
    public static final ApplicationContextInitializer<GenericApplicationContext> API = context -> {
        context.registerBean("functionCatalog", FunctionCatalog.class, () -> new RegisteredFunctions(context.getBeanFactory()));
        tables(context);
        new TicketsFunctions().initialize(context);
        new WorkflowFunctions().initialize(context);
        context.registerBean("sfnClient", SfnClient.class, AwsClients::sfn, d -> {
            d.setLazyInit(true); // only POST /workflow/runs uses it
            d.setDestroyMethodName("close");
        });
        context.registerBean("workflowStarter", StepFunctionsWorkflowStarter.class, () -> new StepFunctionsWorkflowStarter(
                () -> context.getBean(SfnClient.class), properties(context).stateMachineArn()));
    };

    /**
     * The workflow step function: the state machine's steps (no ticket routes and no Step Functions client,
     * which its configuration class imports with the API's; the steps use neither). Its steps take and give
     * JSON text ({@code WorkflowStepFunction}), which the handler passes as it is: no conversion, so the
     * catalog is {@link RegisteredFunctions}, as the API's.
     */
    public static final ApplicationContextInitializer<GenericApplicationContext> WORKFLOW = context -> {
        context.registerBean("functionCatalog", FunctionCatalog.class, () -> new RegisteredFunctions(context.getBeanFactory()));
        tables(context);
        new WorkflowStepsFunctions().initialize(context);
        context.registerBean("lambdaClient", LambdaClient.class, AwsClients::lambda, d -> {
            d.setLazyInit(true); // only a retry step with stuck uploads uses it
            d.setDestroyMethodName("close");
        });
        context.registerBean("ocrReemitter", LambdaOcrReemitter.class, () -> new LambdaOcrReemitter(
                () -> context.getBean(LambdaClient.class), context.getBean(S3BlobStore.class),
                properties(context).ocrFunctionArn(), properties(context).bucketName()));
    };

    /**
     * Clock, telemetry, S3, the blob store, the settings and, unless the function registered its own
     * ({@link RegisteredFunctions}), Spring Cloud Function's catalog (AwsBlobsConfiguration).
     */
    static void blobs(GenericApplicationContext context) {
        if (context.containsBeanDefinition("blobStore")) {
            return;
        }
        if (!context.containsBeanDefinition("functionCatalog")) {
            catalog(context);
        }
        Functional.properties(context, "supportdesk.aws", AwsProperties.class);
        context.registerBean("clock", Clock.class, Clock::systemUTC);
        context.registerBean("transientFailures", AwsTransientFailures.class, AwsTransientFailures::new);
        telemetry(context);
        context.registerBean("s3Client", S3Client.class, AwsClients::s3, d -> d.setDestroyMethodName("close"));
        context.registerBean("s3Presigner", S3Presigner.class, AwsClients::presigner, d -> d.setDestroyMethodName("close"));
        context.registerBean("blobStore", S3BlobStore.class, () -> new S3BlobStore(context.getBean(S3Client.class),
                context.getBean(S3Presigner.class),
                AwsProperties.required(properties(context).bucketName(), "SUPPORTDESK_AWS_BUCKET_NAME")));
    }

    /** EMF on standard output plus the instance's registry (AwsTelemetryConfiguration), silent while priming. */
    static void telemetry(GenericApplicationContext context) {
        Functional.properties(context, "supportdesk.aws.metrics", AwsMetricsProperties.class);
        context.registerBean("metricRegistry", MetricRegistry.class, () -> new MetricRegistry());
        context.registerBean("telemetry", PrimingAwareTelemetry.class, () -> new PrimingAwareTelemetry(Telemetry.both(
                EmfTelemetry.toStdout(context.getBean(AwsMetricsProperties.class)), context.getBean(MetricRegistry.class))),
                d -> d.setPrimary(true));
    }

    /** DynamoDB and the stores on it (AwsTablesConfiguration). */
    static void tables(GenericApplicationContext context) {
        blobs(context);
        if (context.containsBeanDefinition("ticketStore")) {
            return;
        }
        context.registerBean("dynamoDbClient", DynamoDbClient.class, AwsClients::dynamoDb, d -> d.setDestroyMethodName("close"));
        Functional.properties(context, "supportdesk", TicketProperties.class);
        Functional.properties(context, "supportdesk", SweepProperties.class);
        context.registerBean("ticketStore", DynamoDbTicketStore.class, () -> new DynamoDbTicketStore(
                context.getBean(DynamoDbClient.class), table(context),
                DynamoDbKeys.production(context.getBean(TicketProperties.class).shardTiers(),
                        context.getBean(SweepProperties.class).sweepShards())));
        context.registerBean("workflowStore", DynamoDbWorkflowStore.class, () -> new DynamoDbWorkflowStore(
                context.getBean(DynamoDbClient.class), table(context)));
    }

    /** Spring Cloud Function's catalog, converting input and output (ConvertingFunctions). */
    static void catalog(GenericApplicationContext context) {
        context.registerBean("functionCatalog", FunctionCatalog.class, ConvertingFunctions::catalog);
    }

    private static AwsProperties properties(GenericApplicationContext context) {
        return context.getBean(AwsProperties.class);
    }

    private static String table(GenericApplicationContext context) {
        return AwsProperties.required(properties(context).tableName(), "SUPPORTDESK_AWS_TABLE_NAME");
    }
}
