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

/** The FLOOR of the workflow step function: DynamoDB and S3 clients at init, one index Query per step. */
public class FloorStepHandler implements RequestStreamHandler {

    private static final DynamoDbClient DYNAMO_DB = Clients.dynamoDb();
    private static final S3Client S3 = Clients.s3();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        int count = DYNAMO_DB.query(b -> b.tableName(Clients.TABLE).indexName("GSI2")
                .keyConditionExpression("GSI2PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("DUE#OPEN")))
                .limit(50)).count();
        output.write(("{\"found\":" + count + ",\"cursor\":null}").getBytes(StandardCharsets.UTF_8));
    }
}
