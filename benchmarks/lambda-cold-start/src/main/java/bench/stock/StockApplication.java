package bench.stock;

import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The stock Spring Cloud Function setup: {@code @SpringBootApplication} (auto-configuration), the
 * functions as beans, SCF's {@code FunctionInvoker} as the handler ({@code MAIN_CLASS} and
 * {@code SPRING_CLOUD_FUNCTION_DEFINITION} pick them), SDK clients as beans built the default way.
 */
@SpringBootApplication
public class StockApplication {

    static final String TABLE = System.getenv("SUPPORTDESK_AWS_TABLE_NAME");

    public static void main(String[] args) {
        SpringApplication.run(StockApplication.class, args);
    }

    @Bean
    DynamoDbClient dynamoDbClient() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Bean
    S3Client s3Client() {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Bean
    S3Presigner s3Presigner() {
        return S3Presigner.create();
    }

    /** API Gateway v2 event in (as a map), proxy response out: one GetItem. */
    @Bean
    Function<Map<String, Object>, Map<String, Object>> api(DynamoDbClient dynamoDb, S3Presigner presigner) {
        return event -> {
            String path = String.valueOf(event.get("rawPath"));
            String id = path.substring(path.lastIndexOf('/') + 1);
            boolean found = dynamoDb.getItem(b -> b.tableName(TABLE).key(Map.of("PK", AttributeValue.fromS("TICKET#" + id),
                    "SK", AttributeValue.fromS("TICKET")))).hasItem();
            return Map.of("statusCode", found ? 200 : 404, "headers", Map.of("content-type", "application/json"),
                    "body", "{\"found\":" + found + "}", "isBase64Encoded", false);
        };
    }

    /** A workflow step: one index Query. */
    @Bean
    Function<Map<String, Object>, Map<String, Object>> step(DynamoDbClient dynamoDb, S3Client s3) {
        return payload -> {
            int count = dynamoDb.query(b -> b.tableName(TABLE).indexName("GSI2").keyConditionExpression("GSI2PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("DUE#OPEN"))).limit(50)).count();
            return Map.of("found", count);
        };
    }
}
