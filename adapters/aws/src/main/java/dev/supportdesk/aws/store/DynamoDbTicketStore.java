package dev.supportdesk.aws.store;

import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.OcrState;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Response;
import dev.supportdesk.tickets.ResponseQuery;
import dev.supportdesk.tickets.StaleVersionException;
import dev.supportdesk.tickets.SweepEntry;
import dev.supportdesk.tickets.SweepKey;
import dev.supportdesk.tickets.SweepQuery;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketQuery;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import dev.supportdesk.tickets.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * GSI4 holds exactly the items the core gives a {@link SweepKey}, under {@code SWEEP#bucket}, sorted
 * by {@code time#tenant#ticketId[#attachmentId]}. Items leave the index when the core gives them no
 * key any more (the attributes are simply not written). Lists start after a core position by
 * rebuilding the key of the item at that position as the query's exclusive start key.
 */
public final class DynamoDbTicketStore implements TicketStore {

    private static final String TICKET_SK = "TICKET";
    private static final String ATTACHMENT_SK = "A#";
    private static final String SWEEP_PREFIX = "SWEEP#";

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
    public List<Ticket> list(TicketQuery query) {
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
        Map<String, AttributeValue> start = query.after().map(after -> Map.of(
                "PK", text(partition(query.tenant(), after.id())),
                "SK", text(TICKET_SK),
                index + "PK", text(partition),
                index + "SK", text(sortKey(after.createdAt(), after.id())))).orElse(null);
        return fetch(request, start, query.fetch(), DynamoDbTicketStore::ticket);
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
    public List<Response> listResponses(ResponseQuery query) {
        String partition = partition(query.tenant(), query.ticketId());
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", text(partition), ":prefix", text("R#")));
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .scanIndexForward(true);
        if (!query.includeInternal()) {
            request.filterExpression("visibility = :public");
            values.put(":public", text(Visibility.PUBLIC.name()));
        }
        request.expressionAttributeValues(values);
        Map<String, AttributeValue> start = query.after().map(after -> Map.of(
                "PK", text(partition),
                "SK", text("R#" + sortKey(after.createdAt(), after.id())))).orElse(null);
        return fetch(request, start, query.fetch(), DynamoDbTicketStore::response);
    }

    @Override
    public void addAttachment(Attachment attachment) {
        put(attachmentItem(attachment), "attribute_not_exists(PK)", Map.of(),
                "attachment " + attachment.id() + " already exists");
    }

    @Override
    public Optional<Attachment> findAttachment(String tenant, String ticketId, String attachmentId) {
        return get(partition(tenant, ticketId), ATTACHMENT_SK + attachmentId).map(DynamoDbTicketStore::attachment);
    }

    @Override
    public void updateAttachment(Attachment changed, long expectedVersion) {
        put(attachmentItem(changed), "attribute_exists(PK) AND version = :expected",
                Map.of(":expected", number(expectedVersion)),
                "attachment " + changed.id() + " is no longer at version " + expectedVersion);
    }

    /** The items of a GSI4 partition whose time (the sort key's first part) is at or before {@code notAfter}. */
    @Override
    public List<SweepEntry> sweep(SweepQuery query) {
        String partition = SWEEP_PREFIX + query.bucket();
        // "~" sorts after every character of the key's remainder, so the bound includes the whole millisecond
        String upper = sweepTime(query.notAfter()) + "#~";
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .indexName("GSI4")
                .keyConditionExpression("GSI4PK = :pk AND GSI4SK <= :upper")
                .expressionAttributeValues(Map.of(":pk", text(partition), ":upper", text(upper)))
                .scanIndexForward(true);
        Map<String, AttributeValue> start = query.after().map(after -> Map.of(
                "PK", text(partition(after.tenant(), after.ticketId())),
                "SK", text(after.attachmentId().map(id -> ATTACHMENT_SK + id).orElse(TICKET_SK)),
                "GSI4PK", text(partition),
                "GSI4SK", text(sweepSortKey(after)))).orElse(null);
        return fetch(request, start, query.fetch(), DynamoDbTicketStore::sweepEntry);
    }

    /** Runs a query page by page (filters can thin pages out) until {@code fetch} items are collected or none are left. */
    private <T> List<T> fetch(QueryRequest.Builder request, Map<String, AttributeValue> start, int fetch,
                              Function<Map<String, AttributeValue>, T> mapper) {
        List<Map<String, AttributeValue>> collected = new ArrayList<>();
        Map<String, AttributeValue> exclusiveStart = start;
        do {
            QueryResponse response = dynamoDb.query(request.exclusiveStartKey(exclusiveStart)
                    .limit(fetch - collected.size()).build());
            collected.addAll(response.items());
            exclusiveStart = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (collected.size() < fetch && exclusiveStart != null);
        return collected.stream().map(mapper).toList();
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
        SweepKey.of(t).ifPresent(key -> putSweepKey(item, key, SweepEntry.of(t, key)));
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
        item.put("SK", text(ATTACHMENT_SK + a.id()));
        SweepKey.of(a).ifPresent(key -> putSweepKey(item, key, SweepEntry.of(a, key)));
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

    /** Into GSI4, exactly as the core keyed it; an item without a key stays out of the sparse index. */
    private static void putSweepKey(Map<String, AttributeValue> item, SweepKey key, SweepEntry entry) {
        item.put("GSI4PK", text(SWEEP_PREFIX + key.bucket()));
        item.put("GSI4SK", text(sweepSortKey(entry)));
    }

    /**
     * {@code time#tenant#ticketId[#attachmentId]}, the time fixed-width: the index sorts by time, then by
     * the text of tenant and ids, which is the core's order as long as they hold no character below '#'.
     */
    private static String sweepSortKey(SweepEntry entry) {
        return sweepTime(entry.at()) + "#" + entry.tenant() + "#" + entry.ticketId()
                + entry.attachmentId().map(id -> "#" + id).orElse("");
    }

    private static String sweepTime(Instant at) {
        return String.format("%013d", at.toEpochMilli());
    }

    private static SweepEntry sweepEntry(Map<String, AttributeValue> item) {
        Instant at = Instant.ofEpochMilli(Long.parseLong(s(item, "GSI4SK").substring(0, 13)));
        if (s(item, "SK").startsWith(ATTACHMENT_SK)) {
            return new SweepEntry(at, s(item, "tenant"), s(item, "ticketId"), Optional.of(s(item, "id")));
        }
        return new SweepEntry(at, s(item, "tenant"), s(item, "id"), Optional.empty());
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
