package dev.supportdesk.aws;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import dev.supportdesk.aws.clients.AwsClientPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The real stand-ins for AWS in tests, none needing Docker: DynamoDB Local in-process (from Maven
 * Central) and moto's S3 server (from PyPI, started as a process; CI installs it). If moto is
 * missing the tests fail and say how to install it.
 */
final class Emulators {

    static final String TABLE = "supportdesk-test";
    static final String BUCKET = "supportdesk-uploads-test";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private static DynamoDbClient dynamoDb;
    private static Process moto;
    private static URI s3Endpoint;

    private Emulators() {
    }

    static synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = DynamoDBEmbedded.create().dynamoDbClient();
            createTable(dynamoDb, TABLE);
        }
        return dynamoDb;
    }

    /** The same key schema and indexes as {@code sam/template.yaml} declares. */
    static void createTable(DynamoDbClient client, String name) {
        List<String> keys = List.of("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK", "GSI3SK", "GSI4PK",
                "GSI4SK");
        client.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(keys.stream().map(key -> AttributeDefinition.builder()
                        .attributeName(key).attributeType(ScalarAttributeType.S).build()).toList())
                .keySchema(hash("PK"), range("SK"))
                .globalSecondaryIndexes(index("GSI1"), index("GSI2"), index("GSI3"), index("GSI4")));
    }

    private static GlobalSecondaryIndex index(String name) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(hash(name + "PK"), range(name + "SK"))
                .projection(p -> p.projectionType(ProjectionType.ALL)).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }

    static synchronized URI s3Endpoint() {
        if (s3Endpoint == null) {
            int port = freePort();
            try {
                moto = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                        .redirectErrorStream(true)
                        .redirectOutput(Path.of("target", "moto.log").toFile())
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start moto_server, the S3 emulator these tests need: "
                        + "install it with `pip install \"moto[server]\"`", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(moto::destroy));
            s3Endpoint = URI.create("http://127.0.0.1:" + port);
            awaitUp(s3Endpoint);
            s3().createBucket(b -> b.bucket(BUCKET));
        }
        return s3Endpoint;
    }

    static S3Client s3() {
        return s3(s3Endpoint(), UrlConnectionHttpClient.create(), ClientOverrideConfiguration.builder().build());
    }

    /** An S3 client of the emulators' region and credentials on {@code endpoint} (say a fault proxy), bounded by {@code policy}. */
    static S3Client s3(URI endpoint, AwsClientPolicy policy) {
        return s3(endpoint, policy.httpClient(), policy.overrides());
    }

    private static S3Client s3(URI endpoint, SdkHttpClient http, ClientOverrideConfiguration overrides) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .forcePathStyle(true).httpClient(http).overrideConfiguration(overrides).build();
    }

    /** A DynamoDB client of the emulators' region and credentials on {@code endpoint}, bounded by {@code policy}. */
    static DynamoDbClient dynamoDb(URI endpoint, AwsClientPolicy policy) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(policy.httpClient()).overrideConfiguration(policy.overrides()).build();
    }

    /** A Lambda client whose invocations {@link RecordedLambdaInvocations} records. */
    static software.amazon.awssdk.services.lambda.LambdaClient lambda(SdkHttpClient http) {
        return software.amazon.awssdk.services.lambda.LambdaClient.builder()
                .endpointOverride(RecordedLambdaInvocations.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(http).build();
    }

    static S3Presigner presigner() {
        return S3Presigner.builder().endpointOverride(s3Endpoint()).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    /** moto's Step Functions (the same server as its S3). */
    static software.amazon.awssdk.services.sfn.SfnClient sfn() {
        return software.amazon.awssdk.services.sfn.SfnClient.builder().endpointOverride(s3Endpoint())
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static String stateMachineArn;

    /** The workflow's state machine in moto, defined by the committed ASL (moto records executions, it does not run them). */
    static synchronized String stateMachineArn() {
        if (stateMachineArn == null) {
            String definition;
            try {
                definition = java.nio.file.Files.readString(dev.supportdesk.testing.ProjectPaths.root().resolve("sam").resolve("statemachine").resolve(
                        "workflow.asl.json")).replace("${WorkflowStepFunctionArn}",
                        "arn:aws:lambda:us-east-1:123456789012:function:supportdesk-workflow:live");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try (var sfn = sfn()) {
                stateMachineArn = sfn.createStateMachine(b -> b.name("supportdesk-workflow").definition(definition)
                        .roleArn("arn:aws:iam::123456789012:role/supportdesk-workflow")
                        .type(software.amazon.awssdk.services.sfn.model.StateMachineType.STANDARD)).stateMachineArn();
            }
        }
        return stateMachineArn;
    }

    static final String OCR_FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:supportdesk-upload";

    /** The AWS runtime's Spring context, its clients pointed at the emulators. */
    static ConfigurableApplicationContext awsContext() {
        return awsContext(TABLE, Map.of());
    }

    /** The same on its own table (created if missing) and with extra properties. */
    static synchronized ConfigurableApplicationContext awsContext(String table, Map<String, Object> extra) {
        if (!dynamoDb().listTables().tableNames().contains(table)) {
            createTable(dynamoDb(), table);
        }
        Map<String, Object> properties = new java.util.HashMap<>(properties(table));
        properties.putAll(extra);
        return AwsRuntime.start(properties, Clients.class);
    }

    /** The runtime's settings on the emulators: this table, the test bucket, moto's state machine, Cognito's claims. */
    static Map<String, Object> properties(String table) {
        return Map.of(
                "supportdesk.aws.state-machine-arn", stateMachineArn(),
                "supportdesk.aws.ocr-function-arn", OCR_FUNCTION_ARN,
                "supportdesk.aws.table-name", table,
                "supportdesk.aws.bucket-name", BUCKET,
                "supportdesk.auth.tenant-claim", "custom:tenant",
                "supportdesk.auth.roles-claim", "cognito:groups");
    }

    /**
     * The deployed functions' context (functional registrations, no Spring Boot, {@link AwsRuntime#functional})
     * on the emulators, for {@code initializer} ({@link AwsFunctions#API} or {@link AwsFunctions#WORKFLOW}).
     */
    static ConfigurableApplicationContext functionalContext(
            org.springframework.context.ApplicationContextInitializer<org.springframework.context.support.GenericApplicationContext> initializer) {
        return functionalContext(initializer, Map.of());
    }

    /** As {@link #functionalContext(org.springframework.context.ApplicationContextInitializer)}, with more settings. */
    static synchronized ConfigurableApplicationContext functionalContext(
            org.springframework.context.ApplicationContextInitializer<org.springframework.context.support.GenericApplicationContext> initializer,
            Map<String, String> settings) {
        if (!dynamoDb().listTables().tableNames().contains(TABLE)) {
            createTable(dynamoDb(), TABLE);
        }
        Map<String, Object> properties = new java.util.HashMap<>(properties(TABLE));
        properties.putAll(settings);
        return AwsRuntime.functional(initializer, properties, context -> {
                    // the emulators' clients, shared by every test context: no context closes them
                    context.registerBean("dynamoDbClient", DynamoDbClient.class, Emulators::dynamoDb, d -> d.setDestroyMethodName(""));
                    context.registerBean("s3Client", S3Client.class, Emulators::s3, d -> d.setDestroyMethodName(""));
                    context.registerBean("s3Presigner", S3Presigner.class, Emulators::presigner, d -> d.setDestroyMethodName(""));
                    context.registerBean("sfnClient", software.amazon.awssdk.services.sfn.SfnClient.class, Emulators::sfn);
                    context.registerBean("lambdaClient", software.amazon.awssdk.services.lambda.LambdaClient.class,
                            () -> new Clients().lambdaClient());
                });
    }

    /** Shared by every test context, so no context may close them. */
    @Configuration(proxyBeanMethods = false)
    static class Clients {

        @Bean(destroyMethod = "")
        DynamoDbClient dynamoDbClient() {
            return Emulators.dynamoDb();
        }

        @Bean(destroyMethod = "")
        S3Client s3Client() {
            return Emulators.s3();
        }

        @Bean(destroyMethod = "")
        S3Presigner s3Presigner() {
            return Emulators.presigner();
        }

        @Bean(destroyMethod = "close")
        software.amazon.awssdk.services.sfn.SfnClient sfnClient() {
            return Emulators.sfn();
        }

        @Bean(destroyMethod = "close")
        software.amazon.awssdk.services.lambda.LambdaClient lambdaClient() {
            return lambda(UrlConnectionHttpClient.create());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitUp(URI endpoint) {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!moto.isAlive()) {
                throw new IllegalStateException("moto_server exited; see target/moto.log");
            }
            try {
                client.send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("moto_server did not start within 30 s; see target/moto.log");
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
