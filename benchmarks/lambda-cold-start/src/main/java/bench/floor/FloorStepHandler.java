package bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The FLOOR of the workflow step function: DynamoDB and S3 clients at init, and the store work of the
 * project's find-due step for the escalation rule: one GSI4 Query per (status, priority) sweep bucket.
 */
public class FloorStepHandler implements RequestStreamHandler {

    private static final DynamoDbClient DYNAMO_DB = Clients.dynamoDb();
    private static final S3Client S3 = Clients.s3();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        int count = 0;
        for (String status : new String[] {"OPEN", "IN_PROGRESS"}) {
            for (String priority : new String[] {"LOW", "NORMAL", "HIGH"}) {
                count += DYNAMO_DB.query(b -> b.tableName(Clients.TABLE).indexName("GSI4")
                        .keyConditionExpression("GSI4PK = :pk AND GSI4SK <= :upper")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SWEEP#T#" + status + "#" + priority),
                                ":upper", AttributeValue.fromS("2026-11-29T00:00:00.000Z#~")))
                        .limit(500)).count();
            }
        }
        output.write(("{\"found\":" + count + ",\"cursor\":null}").getBytes(StandardCharsets.UTF_8));
    }
}
