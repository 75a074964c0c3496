package dev.supportdesk.aws.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.supportdesk.json.Json;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.InvalidCursorException;
import dev.supportdesk.tickets.OcrState;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Page;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Response;
import dev.supportdesk.tickets.StaleVersionException;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketQuery;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import dev.supportdesk.tickets.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Tickets, responses and attachments in one DynamoDB table.
 *
 * <p>Items of a ticket share the partition {@code T#tenant#ticketId}: the ticket ({@code SK=TICKET}),
 * its responses ({@code SK=R#time#id}, in time order) and attachments ({@code SK=A#id}). Three
 * global secondary indexes serve the ticket lists without a scan: GSI1 all tickets of a tenant,
 * GSI2 by status, GSI3 by requester, each sorted by creation time. Every write of an existing item
 * is conditional on its {@code version}.
 *
 * <p>A fourth, sparse index serves the workflow's sweeps across tenants, again without a scan:
 * GSI4 holds every ticket that is not CLOSED under {@code SWEEP#T#status#priority}, sorted by
 * {@code updatedAt#tenant#id}, and every uploaded attachment whose OCR is PENDING or PROCESSING
 * under {@code SWEEP#A#ocrStatus}, sorted by {@code uploadedAt#tenant#ticketId#id}. Items leave the
 * index when they stop matching (the attributes are simply not written).
 */
public final class DynamoDbTicketStore implements TicketStore {

    private static final String TICKET_SK = "TICKET";
    private static final TypeReference<TreeMap<String, String>> KEY_TYPE = new TypeReference<>() {
    };

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbTicketStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void create(Ticket ticket) {
        put(ticketItem(ticket), "attribute_not_exists(PK)", Map.of(), "ticket " + ticket.id() + " already exists");
    }

    @Override
    public Optional<Ticket> find(String tenant, String ticketId) {
        return get(partition(tenant, ticketId), TICKET_SK).map(DynamoDbTicketStore::ticket);
    }

    @Override
    public void update(Ticket changed, long expectedVersion) {
        put(ticketItem(changed), "attribute_exists(PK) AND version = :expected",
                Map.of(":expected", number(expectedVersion)),
                "ticket " + changed.id() + " is no longer at version " + expectedVersion);
    }

    @Override
    public Page<Ticket> list(TicketQuery query) {
        String tenantKey = "TENANT#" + query.tenant();
        String index;
        String partition;
        String filter = null;
        Map<String, AttributeValue> values = new HashMap<>();
        if (query.requester().isPresent()) {
            index = "GSI3";
            partition = tenantKey + "#R#" + query.requester().get();
            if (query.status().isPresent()) {
                filter = "#status = :status";
                values.put(":status", text(query.status().get().name()));
            }
        } else if (query.status().isPresent()) {
            index = "GSI2";
            partition = tenantKey + "#S#" + query.status().get().name();
        } else {
            index = "GSI1";
            partition = tenantKey;
        }
        values.put(":pk", text(partition));
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .indexName(index)
                .keyConditionExpression(index + "PK = :pk")
                .scanIndexForward(false);
        if (filter != null) {
            request.filterExpression(filter).expressionAttributeNames(Map.of("#status", "status"));
        }
        request.expressionAttributeValues(values);
        List<String> keyNames = List.of("PK", "SK", index + "PK", index + "SK");
        Map<String, AttributeValue> start = query.cursor()
                .map(cursor -> decodeKey(cursor, keyNames, index + "PK", partition))
                .orElse(null);
        return page(request, start, query.limit(), keyNames, DynamoDbTicketStore::ticket);
    }

    @Override
    public void addResponse(Response response) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", text(partition(response.tenant(), response.ticketId())));
        item.put("SK", text("R#" + sortKey(response.createdAt(), response.id())));
        item.put("type", text("response"));
        item.put("id", text(response.id()));
        item.put("tenant", text(response.tenant()));
        item.put("ticketId", text(response.ticketId()));
        item.put("author", text(response.author()));
        item.put("body", text(response.body()));
        item.put("visibility", text(response.visibility().name()));
        item.put("createdAt", number(response.createdAt().toEpochMilli()));
        put(item, "attribute_not_exists(PK)", Map.of(), "response " + response.id() + " already exists");
    }

    @Override
    public Optional<Response> findResponse(String tenant, String ticketId, String responseId) {
        QueryRequest request = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .filterExpression("id = :id")
                .expressionAttributeValues(Map.of(":pk", text(partition(tenant, ticketId)), ":prefix", text("R#"),
                        ":id", text(responseId)))
                .build();
        return dynamoDb.queryPaginator(request).items().stream().findFirst().map(DynamoDbTicketStore::response);
    }

    @Override
    public Page<Response> listResponses(String tenant, String ticketId, boolean includeInternal, int limit,
                                        Optional<String> cursor) {
        String partition = partition(tenant, ticketId);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", text(partition), ":prefix", text("R#")));
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .scanIndexForward(true);
        if (!includeInternal) {
            request.filterExpression("visibility = :public");
            values.put(":public", text(Visibility.PUBLIC.name()));
        }
        request.expressionAttributeValues(values);
        List<String> keyNames = List.of("PK", "SK");
        Map<String, AttributeValue> start = cursor.map(c -> decodeKey(c, keyNames, "PK", partition)).orElse(null);
        if (start != null && !start.get("SK").s().startsWith("R#")) {
            throw new InvalidCursorException("not a position in a list of responses");
        }
        return page(request, start, limit, keyNames, DynamoDbTicketStore::response);
    }

    @Override
    public void addAttachment(Attachment attachment) {
        put(attachmentItem(attachment), "attribute_not_exists(PK)", Map.of(),
                "attachment " + attachment.id() + " already exists");
    }

    @Override
    public Optional<Attachment> findAttachment(String tenant, String ticketId, String attachmentId) {
        return get(partition(tenant, ticketId), "A#" + attachmentId).map(DynamoDbTicketStore::attachment);
    }

    @Override
    public void updateAttachment(Attachment changed, long expectedVersion) {
        put(attachmentItem(changed), "attribute_exists(PK) AND version = :expected",
                Map.of(":expected", number(expectedVersion)),
                "attachment " + changed.id() + " is no longer at version " + expectedVersion);
    }

    @Override
    public Page<Ticket> listInactive(TicketStatus status, Priority priority, Instant notAfter, int limit,
                                     Optional<String> cursor) {
        return sweep("SWEEP#T#" + status.name() + "#" + priority.name(), notAfter, limit, cursor,
                DynamoDbTicketStore::ticket);
    }

    @Override
    public Page<Attachment> listAttachmentsByOcr(OcrStatus status, Instant notAfter, int limit, Optional<String> cursor) {
        return sweep("SWEEP#A#" + status.name(), notAfter, limit, cursor, DynamoDbTicketStore::attachment);
    }

    /** Items of a GSI4 partition whose time (the sort key's first part) is at or before {@code notAfter}. */
    private <T> Page<T> sweep(String partition, Instant notAfter, int limit, Optional<String> cursor,
                              Function<Map<String, AttributeValue>, T> mapper) {
        // "~" sorts after every character of the key's remainder, so the bound includes the whole millisecond
        String upper = String.format("%013d#~", notAfter.toEpochMilli());
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .indexName("GSI4")
                .keyConditionExpression("GSI4PK = :pk AND GSI4SK <= :upper")
                .expressionAttributeValues(Map.of(":pk", text(partition), ":upper", text(upper)))
                .scanIndexForward(true);
        List<String> keyNames = List.of("PK", "SK", "GSI4PK", "GSI4SK");
        Map<String, AttributeValue> start = cursor.map(c -> decodeKey(c, keyNames, "GSI4PK", partition)).orElse(null);
        return page(request, start, limit, keyNames, mapper);
    }

    private static String sweepTime(Instant at) {
        return String.format("%013d", at.toEpochMilli());
    }

    /** Runs a query page by page (filters can thin pages out) until {@code limit} items are collected. */
    private <T> Page<T> page(QueryRequest.Builder request, Map<String, AttributeValue> start, int limit,
                             List<String> keyNames, Function<Map<String, AttributeValue>, T> mapper) {
        List<Map<String, AttributeValue>> collected = new ArrayList<>();
        Map<String, AttributeValue> exclusiveStart = start;
        while (true) {
            QueryResponse response = dynamoDb.query(request.exclusiveStartKey(exclusiveStart).limit(limit + 1).build());
            collected.addAll(response.items());
            if (collected.size() > limit) {
                List<Map<String, AttributeValue>> items = collected.subList(0, limit);
                return new Page<>(items.stream().map(mapper).toList(),
                        Optional.of(encodeKey(items.get(limit - 1), keyNames)));
            }
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return new Page<>(collected.stream().map(mapper).toList(), Optional.empty());
            }
            exclusiveStart = response.lastEvaluatedKey();
        }
    }

    private static String encodeKey(Map<String, AttributeValue> item, List<String> keyNames) {
        Map<String, String> key = new TreeMap<>();
        keyNames.forEach(name -> key.put(name, item.get(name).s()));
        try {
            return Json.MAPPER.writeValueAsString(key);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a cursor and checks that it points into the partition being queried. */
    private static Map<String, AttributeValue> decodeKey(String cursor, List<String> keyNames, String partitionName,
                                                        String partition) {
        Map<String, String> key;
        try {
            key = Json.MAPPER.readValue(cursor, KEY_TYPE);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidCursorException("malformed position");
        }
        if (key == null || !key.keySet().equals(new java.util.TreeSet<>(keyNames)) || key.values().contains(null)) {
            throw new InvalidCursorException("malformed position");
        }
        if (!partition.equals(key.get(partitionName))) {
            throw new InvalidCursorException("position belongs to another list");
        }
        Map<String, AttributeValue> start = new LinkedHashMap<>();
        key.forEach((name, value) -> start.put(name, text(value)));
        return start;
    }

    private void put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values,
                     String staleMessage) {
        PutItemRequest.Builder request = PutItemRequest.builder().tableName(table).item(item)
                .conditionExpression(condition);
        if (!values.isEmpty()) {
            request.expressionAttributeValues(values);
        }
        try {
            dynamoDb.putItem(request.build());
        } catch (ConditionalCheckFailedException e) {
            throw new StaleVersionException(staleMessage);
        }
    }

    private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", text(pk), "SK", text(sk)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static Map<String, AttributeValue> ticketItem(Ticket t) {
        String sortKey = sortKey(t.createdAt(), t.id());
        String tenantKey = "TENANT#" + t.tenant();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", text(partition(t.tenant(), t.id())));
        item.put("SK", text(TICKET_SK));
        item.put("GSI1PK", text(tenantKey));
        item.put("GSI1SK", text(sortKey));
        item.put("GSI2PK", text(tenantKey + "#S#" + t.status().name()));
        item.put("GSI2SK", text(sortKey));
        item.put("GSI3PK", text(tenantKey + "#R#" + t.requester()));
        item.put("GSI3SK", text(sortKey));
        if (t.status() != TicketStatus.CLOSED) {
            item.put("GSI4PK", text("SWEEP#T#" + t.status().name() + "#" + t.priority().name()));
            item.put("GSI4SK", text(sweepTime(t.updatedAt()) + "#" + t.tenant() + "#" + t.id()));
        }
        item.put("type", text("ticket"));
        item.put("id", text(t.id()));
        item.put("tenant", text(t.tenant()));
        item.put("requester", text(t.requester()));
        item.put("subject", text(t.subject()));
        item.put("description", text(t.description()));
        item.put("priority", text(t.priority().name()));
        item.put("status", text(t.status().name()));
        if (t.assignee() != null) {
            item.put("assignee", text(t.assignee()));
        }
        item.put("createdAt", number(t.createdAt().toEpochMilli()));
        item.put("updatedAt", number(t.updatedAt().toEpochMilli()));
        item.put("version", number(t.version()));
        return item;
    }

    private static Map<String, AttributeValue> attachmentItem(Attachment a) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", text(partition(a.tenant(), a.ticketId())));
        item.put("SK", text("A#" + a.id()));
        if (a.uploadedAt() != null && (a.ocrStatus() == OcrStatus.PENDING || a.ocrStatus() == OcrStatus.PROCESSING)) {
            item.put("GSI4PK", text("SWEEP#A#" + a.ocrStatus().name()));
            item.put("GSI4SK", text(sweepTime(a.uploadedAt()) + "#" + a.tenant() + "#" + a.ticketId() + "#" + a.id()));
        }
        item.put("type", text("attachment"));
        item.put("id", text(a.id()));
        item.put("tenant", text(a.tenant()));
        item.put("ticketId", text(a.ticketId()));
        item.put("fileName", text(a.fileName()));
        item.put("contentType", text(a.contentType()));
        item.put("size", number(a.size()));
        item.put("blobKey", text(a.blobKey()));
        item.put("createdAt", number(a.createdAt().toEpochMilli()));
        if (a.uploadedAt() != null) {
            item.put("uploadedAt", number(a.uploadedAt().toEpochMilli()));
        }
        item.put("ocrStatus", text(a.ocrStatus().name()));
        if (a.ocrText() != null) {
            item.put("ocrText", text(a.ocrText()));
        }
        if (a.ocr() != OcrState.NONE) {
            item.put("ocrState", text(a.ocr().toJson()));
        }
        item.put("version", number(a.version()));
        return item;
    }

    private static Ticket ticket(Map<String, AttributeValue> item) {
        return new Ticket(s(item, "id"), s(item, "tenant"), s(item, "requester"), s(item, "subject"),
                s(item, "description"), Priority.valueOf(s(item, "priority")), TicketStatus.valueOf(s(item, "status")),
                s(item, "assignee"), instant(item, "createdAt"), instant(item, "updatedAt"), n(item, "version"));
    }

    private static Response response(Map<String, AttributeValue> item) {
        return new Response(s(item, "id"), s(item, "tenant"), s(item, "ticketId"), s(item, "author"), s(item, "body"),
                Visibility.valueOf(s(item, "visibility")), instant(item, "createdAt"));
    }

    private static Attachment attachment(Map<String, AttributeValue> item) {
        return new Attachment(s(item, "id"), s(item, "tenant"), s(item, "ticketId"), s(item, "fileName"),
                s(item, "contentType"), n(item, "size"), s(item, "blobKey"), instant(item, "createdAt"),
                instant(item, "uploadedAt"), OcrStatus.valueOf(s(item, "ocrStatus")), s(item, "ocrText"),
                n(item, "version"), OcrState.fromJson(s(item, "ocrState")));
    }

    private static String partition(String tenant, String ticketId) {
        return "T#" + tenant + "#" + ticketId;
    }

    private static String sortKey(Instant createdAt, String id) {
        return String.format("%013d#%s", createdAt.toEpochMilli(), id);
    }

    private static AttributeValue text(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long n(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : Instant.ofEpochMilli(Long.parseLong(value.n()));
    }
}
