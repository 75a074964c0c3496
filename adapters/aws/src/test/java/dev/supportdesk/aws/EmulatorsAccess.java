package dev.supportdesk.aws;

import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import java.net.URI;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Emulators for test packages other than {@code dev.supportdesk.aws}. */
public final class EmulatorsAccess {

    private EmulatorsAccess() {
    }

    /** A table with the template's key schema and indexes (the telemetry benchmark's DynamoDB Local). */
    public static void createTicketTable(DynamoDbClient client, String name) {
        Emulators.createTable(client, name);
    }

    public static ConfigurableApplicationContext awsContext(String table, Map<String, Object> properties) {
        return Emulators.awsContext(table, properties);
    }

    /** moto's S3 endpoint (started on first use). */
    public static URI s3Endpoint() {
        return Emulators.s3Endpoint();
    }

    public static S3Client s3() {
        return Emulators.s3();
    }

    /** A table with the template's key schema and indexes. */
    public static void createTable(DynamoDbClient client, String name) {
        Emulators.createTable(client, name);
    }

    /**
     * The AWS runtime's Spring context on a DynamoDB of the caller's (e.g. DynamoDB Local as a
     * server, for functions that run in another process) and moto's S3.
     */
    public static synchronized ConfigurableApplicationContext awsContext(DynamoDbClient dynamoDb, String table, String bucket) {
        OwnClients.dynamoDb = dynamoDb;
        return AwsRuntime.start(Map.of("supportdesk.aws.table-name", table, "supportdesk.aws.bucket-name", bucket,
                "supportdesk.aws.state-machine-arn", "arn:aws:states:us-east-1:123456789012:stateMachine:unused",
                "supportdesk.aws.ocr-function-arn", Emulators.OCR_FUNCTION_ARN,
                "supportdesk.auth.tenant-claim", "custom:tenant", "supportdesk.auth.roles-claim", "cognito:groups"),
                OwnClients.class);
    }

    /** A request to the HTTP API handler of {@code context}, as API Gateway (payload v2) sends it, with an ID token. */
    public static HttpResponse api(ConfigurableApplicationContext context, String subject, String tenant, Role role,
            String method, String path, String json) {
        ApiGatewaySimulator gateway = new ApiGatewaySimulator(new HttpApiHandler(context), ApiGatewaySimulator.Format.V2);
        HttpRequest.Builder request = HttpRequest.builder(method, path)
                .header("Authorization", "Bearer " + ApiGatewaySimulator.idToken(subject, tenant, role));
        if (json != null) {
            request.jsonBody(json);
        }
        return gateway.send(request.build());
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClients {

        static DynamoDbClient dynamoDb;

        @Bean(destroyMethod = "")
        DynamoDbClient dynamoDbClient() {
            return dynamoDb;
        }

        @Bean(destroyMethod = "")
        S3Client s3Client() {
            return Emulators.s3();
        }

        @Bean(destroyMethod = "")
        S3Presigner s3Presigner() {
            return Emulators.presigner();
        }
    }
}
