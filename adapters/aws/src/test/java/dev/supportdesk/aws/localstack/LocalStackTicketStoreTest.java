package dev.supportdesk.aws.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.aws.store.DynamoDbTicketStore;
import dev.supportdesk.aws.store.S3BlobStore;
import dev.supportdesk.contract.TicketStoreContract;
import dev.supportdesk.tickets.TicketStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
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
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The store contract and the S3 blob store against LocalStack (Testcontainers), where Docker can run it. */
@LocalStackAvailable
class LocalStackTicketStoreTest extends TicketStoreContract {

    private static LocalStackContainer localStack;
    private static DynamoDbClient dynamoDb;
    private static S3Client s3;
    private static S3Presigner presigner;

    @BeforeAll
    static void start() {
        localStack = new LocalStackContainer(LocalStackAvailable.IMAGE).withServices("dynamodb", "s3");
        localStack.start();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(localStack.getAccessKey(), localStack.getSecretKey()));
        Region region = Region.of(localStack.getRegion());
        dynamoDb = DynamoDbClient.builder().endpointOverride(localStack.getEndpoint()).region(region)
                .credentialsProvider(credentials).build();
        s3 = S3Client.builder().endpointOverride(localStack.getEndpoint()).region(region)
                .credentialsProvider(credentials).forcePathStyle(true).build();
        presigner = S3Presigner.builder().endpointOverride(localStack.getEndpoint()).region(region)
                .credentialsProvider(credentials).build();
        List<String> keys = List.of("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK", "GSI3SK");
        dynamoDb.createTable(b -> b.tableName("tickets").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(keys.stream().map(k -> AttributeDefinition.builder().attributeName(k)
                        .attributeType(ScalarAttributeType.S).build()).toList())
                .keySchema(key("PK", KeyType.HASH), key("SK", KeyType.RANGE))
                .globalSecondaryIndexes(index("GSI1"), index("GSI2"), index("GSI3")));
        s3.createBucket(b -> b.bucket("uploads"));
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(key(name + "PK", KeyType.HASH), key(name + "SK", KeyType.RANGE))
                .projection(p -> p.projectionType(ProjectionType.ALL)).build();
    }

    @AfterAll
    static void stop() {
        if (localStack != null) {
            localStack.stop();
        }
    }

    @Override
    protected TicketStore store() {
        return new DynamoDbTicketStore(dynamoDb, "tickets");
    }

    @Test
    void blobsRoundTripThroughLocalStackS3() throws Exception {
        S3BlobStore blobs = new S3BlobStore(s3, presigner, "uploads");
        byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
        blobs.put("uploads/t/x", new ByteArrayInputStream(content), content.length, "text/plain");
        try (InputStream in = blobs.get("uploads/t/x").orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(blobs.metadata("uploads/t/x").orElseThrow().size()).isEqualTo(content.length);
        assertThat(blobs.metadata("uploads/t/none")).isEmpty();
    }
}
