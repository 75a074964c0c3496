package dev.supportdesk.aws.store;

import dev.supportdesk.domain.Unavailable;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.ShardMerge;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Tickets, responses and attachments in one DynamoDB table, keyed as {@link DynamoDbKeys} says.
 *
 * <p>Items of a ticket share the partition {@code T#tenant#ticketId}: the ticket ({@code SK=TICKET}),
 * its responses ({@code SK=R#time#id}, in time order, each written in one transaction with a marker
 * {@code SK=RID#id} that makes its id unique) and attachments ({@code SK=A#id}). Three
 * global secondary indexes serve the ticket lists without a scan: GSI1 all tickets of a tenant,
 * GSI2 by status, GSI3 by requester, each sorted by creation time; a tenant of the big tier
 * ({@link DynamoDbKeys}, {@code ShardTiers}) spreads its index writes over {@link DynamoDbKeys#TENANT_SHARDS}
 * partitions (time-sliced in GSI1-2, so a busy tenant's newest page sits in one slot's few shards) and its lists
 * are the {@link ShardMerge k-way merge} of its shards; any other tenant's list is one partition. Every write of an existing item is conditional on its
 * {@code version}.
 *
 * <p>A fourth, sparse index serves the workflow's sweeps across tenants, again without a scan:
 * GSI4 holds exactly the items the core gives a {@link SweepKey}, under {@code SWEEP#bucket#shard},
 * sorted by {@code time#tenant#ticketId[#attachmentId]}; a sweep merges the bucket's shards. Items leave
 * the index when the core gives them no key any more (the attributes are simply not written). Ticket lists
 * resume after a core position with a sort-key condition ({@code < position}), the same in every shard: all
 * shards share one order, so one position serves them all. Sweeps resume by rebuilding the key of the item at
 * that position, in the shard being read, as the query's exclusive start key.
 */
public final class DynamoDbTicketStore implements TicketStore {

    private static final String TICKET_SK = DynamoDbKeys.TICKET_SK;
    /** The attribute naming the write that put an item: see {@link #update}. */
    private static final String WRITE_TOKEN = "writeToken";
    private static final String ATTACHMENT_SK = DynamoDbKeys.ATTACHMENT_SK;
    /**
     * The response's id, unique in the ticket's partition: the response's own sort key holds its time,
     * so two writes of one id at different instants would both land without it.
     */
    private static final String RESPONSE_ID_SK = "RID#";
    private static final int TRANSACTION_ATTEMPTS = 4;
    private static final Duration CONFLICT_RETRY_AFTER = Duration.ofSeconds(1);
    private static final Comparator<Ticket> NEWEST_FIRST =
            Comparator.comparing((Ticket t) -> DynamoDbKeys.sortKey(t.createdAt(), t.id())).reversed();
    private static final Comparator<SweepEntry> SWEEP_ORDER = Comparator.comparing(DynamoDbKeys::sweepSortKey);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final DynamoDbKeys keys;
    private final ShardedLists shardedLists;

    public DynamoDbTicketStore(DynamoDbClient dynamoDb, String table) {
        this(dynamoDb, table, DynamoDbKeys.SHARDED);
    }

    /** @param keys the layout; {@link DynamoDbKeys#UNSHARDED} only for measuring against the old keys */
    public DynamoDbTicketStore(DynamoDbClient dynamoDb, String table, DynamoDbKeys keys) {
        this(dynamoDb, table, keys, Clock.systemUTC());
    }

    /** @param clock where a first page of a time-sliced list starts (see {@link #list}) */
    public DynamoDbTicketStore(DynamoDbClient dynamoDb, String table, DynamoDbKeys keys, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.keys = keys;
        this.shardedLists = new ShardedLists(clock);
    }

    /** The key layout this store writes and reads. */
    public DynamoDbKeys keys() {
        return keys;
    }

    @Override
    public void create(Ticket ticket) {
        put(ticketItem(ticket), "attribute_not_exists(PK)", Map.of(), "ticket " + ticket.id() + " already exists");
    }

    @Override
    public Optional<Ticket> find(String tenant, String ticketId) {
        return get(partition(tenant, ticketId), TICKET_SK).map(DynamoDbTicketStore::ticket);
    }

    /**
     * Each write carries a token of its own ({@value #WRITE_TOKEN}). When the SDK retries a write whose
     * first attempt landed but whose answer was lost, the retry fails the version condition against that
     * very write; the token tells it from a concurrent request that wrote an identical change.
     */
    @Override
    public void update(Ticket changed, long expectedVersion) {
        String token = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = ticketItem(changed);
        item.put(WRITE_TOKEN, text(token));
        try {
            put(item, "attribute_exists(PK) AND version = :expected", Map.of(":expected", number(expectedVersion)),
                    "ticket " + changed.id() + " is no longer at version " + expectedVersion);
        } catch (StaleVersionException e) {
            boolean landedAlready = get(partition(changed.tenant(), changed.id()), TICKET_SK)
                    .filter(stored -> token.equals(s(stored, WRITE_TOKEN))).isPresent();
            if (!landedAlready) {
                throw e;
            }
        }
    }

    /**
     * A tenant's list, newest first: one partition for an ordinary tenant (and a middle-tier tenant's requester
     * list); the merge of the shards {@link ShardedLists} picks, round by round, for a sharded one.
     */
    @Override
    public List<Ticket> list(TicketQuery query) {
        DynamoDbKeys.ListIndex where = keys.listIndex(query.tenant(), query.status(), query.requester());
        if (where.partitions().size() > 1) {
            return shardedLists.page(where, query,
                    (shards, lower, upper, fetch, firstRead) -> merge(where, shards, query, lower, upper, fetch, firstRead));
        }
        Optional<String> after = query.after().map(position -> sortKey(position.createdAt(), position.id()));
        return merge(where, List.of(0), query, Optional.empty(), after, query.fetch(), query.fetch());
    }

    /**
     * The first {@code fetch} items of the given shards of a list, newest first, with sort keys at or above
     * {@code lower} and strictly below {@code upper}: key conditions, so no shard is ever started from a key
     * taken from another shard.
     */
    private List<Ticket> merge(DynamoDbKeys.ListIndex where, List<Integer> shards, TicketQuery query,
                               Optional<String> lower, Optional<String> upper, int fetch, int firstRead) {
        String index = where.index();
        String sortKey = index + "SK";
        return ShardMerge.merge(shards.size(), (shard, after, limit) -> {
            Optional<String> below = after.map(t -> sortKey(t.createdAt(), t.id())).or(() -> upper);
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":pk", text(where.partitions().get(shards.get(shard))));
            String condition = index + "PK = :pk";
            if (lower.isPresent() && below.isPresent()) {
                // BETWEEN includes its upper end; the one item sitting exactly there is dropped below
                condition += " AND " + sortKey + " BETWEEN :lower AND :upper";
                values.put(":lower", text(lower.get()));
                values.put(":upper", text(below.get()));
            } else if (below.isPresent()) {
                condition += " AND " + sortKey + " < :upper";
                values.put(":upper", text(below.get()));
            } else if (lower.isPresent()) {
                condition += " AND " + sortKey + " >= :lower";
                values.put(":lower", text(lower.get()));
            }
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index)
                    .keyConditionExpression(condition).scanIndexForward(false);
            if (query.requester().isPresent() && query.status().isPresent()) {
                request.filterExpression("#status = :status").expressionAttributeNames(Map.of("#status", "status"));
                values.put(":status", text(query.status().get().name()));
            }
            request.expressionAttributeValues(values);
            // a bound that is a bare time (no "#id") sorts before every key of its millisecond: nothing to drop
            if (lower.isEmpty() || below.isEmpty() || below.get().indexOf('#') < 0) {
                return fetch(request, null, limit, DynamoDbTicketStore::ticket);
            }
            ShardMerge.Slice<Ticket> read = fetch(request, null, limit + 1, DynamoDbTicketStore::ticket);
            List<Ticket> items = read.items().stream()
                    .filter(t -> !sortKey(t.createdAt(), t.id()).equals(below.get())).toList();
            return items.size() > limit ? new ShardMerge.Slice<>(items.subList(0, limit), true)
                    : new ShardMerge.Slice<>(items, read.more());
        }, NEWEST_FIRST, fetch, firstRead);
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
        Map<String, AttributeValue> marker = Map.of(
                "PK", item.get("PK"),
                "SK", text(RESPONSE_ID_SK + response.id()),
                "type", text("response-id"),
                "responseSk", item.get("SK"));
        putNewTogether(item, marker, "response " + response.id() + " already exists");
    }

    /**
     * Puts two items that must not exist yet, both or neither (one {@code TransactWriteItems}). A failed
     * condition is a lost race; a transaction cancelled by a concurrent one on the same items is tried
     * again, since that one ends in milliseconds and the next attempt meets its outcome.
     */
    private void putNewTogether(Map<String, AttributeValue> first, Map<String, AttributeValue> second,
                                String staleMessage) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(newItem(first), newItem(second)));
                return;
            } catch (TransactionCanceledException e) {
                if (cancelledFor(e, "ConditionalCheckFailed")) {
                    throw new StaleVersionException(staleMessage);
                }
                if (!cancelledFor(e, "TransactionConflict")) {
                    throw e;
                }
                if (attempt == TRANSACTION_ATTEMPTS) {
                    throw new Unavailable("the write met concurrent transactions " + attempt
                            + " times; try again after Retry-After", CONFLICT_RETRY_AFTER);
                }
                pause(attempt);
            }
        }
    }

    private static boolean cancelledFor(TransactionCanceledException e, String code) {
        return e.cancellationReasons().stream().anyMatch(reason -> code.equals(reason.code()));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10L * attempt, 30L * attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a response", interrupted);
        }
    }

    /** A put of an item that must not exist yet, for a transaction. */
    private TransactWriteItem newItem(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(PK)")).build();
    }

    @Override
    public Optional<Response> findResponse(String tenant, String ticketId, String responseId) {
        QueryRequest request = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .filterExpression("id = :id")
                .consistentRead(true)
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
        return fetch(request, start, query.fetch(), DynamoDbTicketStore::response).items();
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

    /**
     * Sweep queries in flight at once. The URL-connection client keeps 5 idle connections per host for reuse
     * ({@code http.maxConnections}); a sweep's shards read all at once opened a connection per query.
     */
    public static final int SWEEP_READS_AT_ONCE = 8;

    /**
     * The items of a sweep bucket's GSI4 shards whose time (the sort key's first part) is at or before
     * {@code notAfter}, merged, {@link #SWEEP_READS_AT_ONCE} shards read at a time.
     */
    @Override
    public List<SweepEntry> sweep(SweepQuery query) {
        List<String> partitions = keys.sweepPartitions(query.bucket());
        // "~" sorts after every character of the key's remainder, so the bound includes the whole millisecond
        String upper = DynamoDbKeys.sweepTime(query.notAfter()) + "#~";
        return ShardMerge.merge(partitions.size(), SWEEP_READS_AT_ONCE, (shard, after, limit) -> {
            String partition = partitions.get(shard);
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(table)
                    .indexName("GSI4")
                    .keyConditionExpression("GSI4PK = :pk AND GSI4SK <= :upper")
                    .expressionAttributeValues(Map.of(":pk", text(partition), ":upper", text(upper)))
                    .scanIndexForward(true);
            Map<String, AttributeValue> start = after.or(query::after).map(entry -> Map.of(
                    "PK", text(DynamoDbKeys.partition(entry.tenant(), entry.ticketId())),
                    "SK", text(entry.attachmentId().map(DynamoDbKeys::attachmentSortKey).orElse(TICKET_SK)),
                    "GSI4PK", text(partition),
                    "GSI4SK", text(DynamoDbKeys.sweepSortKey(entry)))).orElse(null);
            return fetch(request, start, limit, DynamoDbTicketStore::sweepEntry);
        }, SWEEP_ORDER, query.fetch());
    }

    /**
     * Runs a query page by page (filters can thin pages out) until {@code fetch} items are collected or
     * none are left; the slice says whether the partition may hold more.
     */
    private <T> ShardMerge.Slice<T> fetch(QueryRequest.Builder request, Map<String, AttributeValue> start, int fetch,
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
        return new ShardMerge.Slice<>(collected.stream().map(mapper).toList(), exclusiveStart != null);
    }

    /**
     * Rewrites a stored ticket or attachment whose index keys are not the ones this store writes (the
     * layout before sharding), conditional on its version: a concurrent write, which wrote today's keys,
     * wins. Returns whether it rewrote the item; any other item (responses, the workflow's) is left alone.
     */
    boolean rewriteKeys(Map<String, AttributeValue> item) {
        String type = s(item, "type");
        Map<String, AttributeValue> wanted;
        if ("ticket".equals(type) && TICKET_SK.equals(s(item, "SK"))) {
            wanted = ticketItem(ticket(item));
        } else if ("attachment".equals(type) && s(item, "SK").startsWith(ATTACHMENT_SK)) {
            wanted = attachmentItem(attachment(item));
        } else {
            return false;
        }
        boolean same = DynamoDbKeys.INDEXES.stream().allMatch(index ->
                java.util.Objects.equals(item.get(index + "PK"), wanted.get(index + "PK"))
                        && java.util.Objects.equals(item.get(index + "SK"), wanted.get(index + "SK")));
        if (same) {
            return false;
        }
        try {
            put(wanted, "version = :expected", Map.of(":expected", item.get("version")), "rewritten concurrently");
            return true;
        } catch (StaleVersionException concurrentlyRewritten) {
            return false;
        }
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

    private Map<String, AttributeValue> ticketItem(Ticket t) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", text(partition(t.tenant(), t.id())));
        item.put("SK", text(TICKET_SK));
        keys.indexKeys(t).forEach(key -> putIndexKey(item, key));
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

    private Map<String, AttributeValue> attachmentItem(Attachment a) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", text(partition(a.tenant(), a.ticketId())));
        item.put("SK", text(ATTACHMENT_SK + a.id()));
        keys.indexKey(a).ifPresent(key -> putIndexKey(item, key));
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
        if (a.quarantined()) {
            item.put("quarantineReason", text(a.quarantineReason()));
        }
        item.put("version", number(a.version()));
        return item;
    }

    /** Into an index, exactly as the keys say; an item without a key stays out of a sparse index. */
    private static void putIndexKey(Map<String, AttributeValue> item, DynamoDbKeys.IndexKey key) {
        item.put(key.index() + "PK", text(key.partition()));
        item.put(key.index() + "SK", text(key.sort()));
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
                n(item, "version"), OcrState.fromJson(s(item, "ocrState")), s(item, "quarantineReason"));
    }

    private static String partition(String tenant, String ticketId) {
        return DynamoDbKeys.partition(tenant, ticketId);
    }

    private static String sortKey(Instant createdAt, String id) {
        return DynamoDbKeys.sortKey(createdAt, id);
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
