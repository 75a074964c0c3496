package dev.supportdesk.aws.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.domain.InvalidInput;
import dev.supportdesk.json.Json;
import dev.supportdesk.tickets.backfill.KeyBackfill;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The backfill on DynamoDB: a paged Scan of the table (a one-shot job, the one place a scan is right),
 * rewriting every ticket and attachment whose index keys are those of before sharding
 * ({@link DynamoDbTicketStore#rewriteKeys}). The position between steps is the Scan's last evaluated key,
 * {@code {"PK": ..., "SK": ...}}, checked strictly before it reaches DynamoDB.
 */
public final class DynamoDbKeyBackfill implements KeyBackfill {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final DynamoDbTicketStore store;

    public DynamoDbKeyBackfill(DynamoDbClient dynamoDb, String table, DynamoDbTicketStore store) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.store = store;
    }

    @Override
    public Step step(Optional<String> resumeFrom, int maxItems) {
        Map<String, AttributeValue> start = resumeFrom.map(DynamoDbKeyBackfill::startKey).orElse(null);
        ScanResponse page = dynamoDb.scan(b -> b.tableName(table).limit(maxItems).exclusiveStartKey(start)
                .consistentRead(true));
        int rewritten = 0;
        for (Map<String, AttributeValue> item : page.items()) {
            if (store.rewriteKeys(item)) {
                rewritten++;
            }
        }
        Optional<String> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? Optional.of(position(page.lastEvaluatedKey())) : Optional.empty();
        return new Step(page.items().size(), rewritten, next);
    }

    private static String position(Map<String, AttributeValue> key) {
        return Json.MAPPER.createObjectNode().put("PK", key.get("PK").s()).put("SK", key.get("SK").s()).toString();
    }

    private static Map<String, AttributeValue> startKey(String position) {
        JsonNode key;
        try {
            key = Json.MAPPER.readTree(position);
        } catch (JsonProcessingException e) {
            throw new InvalidInput("resumeFrom is not a position this backfill returned");
        }
        if (key == null || !key.isObject() || key.size() != 2 || !Set.of("PK", "SK").stream().allMatch(name ->
                key.path(name).isTextual() && !key.path(name).textValue().isEmpty()
                        && key.path(name).textValue().length() <= 1024)) {
            throw new InvalidInput("resumeFrom is not a position this backfill returned");
        }
        return Map.of("PK", AttributeValue.fromS(key.get("PK").textValue()),
                "SK", AttributeValue.fromS(key.get("SK").textValue()));
    }
}
