package dev.supportdesk.aws.store;

import dev.supportdesk.tickets.StaleVersionException;
import dev.supportdesk.workflow.WorkflowStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The workflow's records in the tickets table: one item per document, {@code PK=WF#kind},
 * {@code SK=id} (run ids start with their time, so a reverse query lists the latest runs). Every put
 * is conditional: absent for a create, at the expected version for a replace.
 */
public final class DynamoDbWorkflowStore implements WorkflowStore {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbWorkflowStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<WorkflowDoc> find(String kind, String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS("WF#" + kind), "SK", AttributeValue.fromS(id)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(doc(item));
    }

    @Override
    public void put(WorkflowDoc doc, long expectedVersion) {
        PutItemRequest.Builder request = PutItemRequest.builder().tableName(table).item(Map.of(
                "PK", AttributeValue.fromS("WF#" + doc.kind()),
                "SK", AttributeValue.fromS(doc.id()),
                "type", AttributeValue.fromS("workflow"),
                "kind", AttributeValue.fromS(doc.kind()),
                "json", AttributeValue.fromS(doc.json()),
                "version", AttributeValue.fromN(Long.toString(doc.version()))));
        if (expectedVersion == 0) {
            request.conditionExpression("attribute_not_exists(PK)");
        } else {
            request.conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(expectedVersion))));
        }
        try {
            dynamoDb.putItem(request.build());
        } catch (ConditionalCheckFailedException e) {
            throw new StaleVersionException(doc.kind() + " " + doc.id() + (expectedVersion == 0 ? " exists already"
                    : " is no longer at version " + expectedVersion));
        }
    }

    @Override
    public List<WorkflowDoc> latest(String kind, int limit) {
        return dynamoDb.query(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("WF#" + kind)))
                        .scanIndexForward(false).limit(limit))
                .items().stream().map(DynamoDbWorkflowStore::doc).toList();
    }

    private static WorkflowDoc doc(Map<String, AttributeValue> item) {
        return new WorkflowDoc(item.get("kind").s(), item.get("SK").s(), item.get("json").s(),
                Long.parseLong(item.get("version").n()));
    }
}
