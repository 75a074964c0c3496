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
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The FLOOR of the API function: no framework, the same SDK work the API does at init (DynamoDB
 * client, S3 presigner) and one GetItem per request, answered as API Gateway payload 2.0.
 */
public class FloorApiHandler implements RequestStreamHandler {

    private static final DynamoDbClient DYNAMO_DB = Clients.dynamoDb();
    private static final S3Presigner PRESIGNER = Clients.presigner();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        int at = event.indexOf("\"rawPath\"");
        String id = at < 0 ? "none" : event.substring(at, Math.min(event.length(), at + 60)).replaceAll("[^A-Za-z0-9-]", "");
        boolean found = DYNAMO_DB.getItem(b -> b.tableName(Clients.TABLE)
                .key(Map.of("PK", AttributeValue.fromS("TICKET#" + id), "SK", AttributeValue.fromS("TICKET")))).hasItem();
        String body = found ? "{\\\"found\\\":true}" : "{\\\"found\\\":false}";
        output.write(("{\"statusCode\":" + (found ? 200 : 404) + ",\"headers\":{\"content-type\":\"application/json\"},\"body\":\""
                + body + "\",\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8));
    }
}
