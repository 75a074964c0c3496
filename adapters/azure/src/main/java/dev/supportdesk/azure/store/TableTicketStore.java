package dev.supportdesk.azure.store;

import com.azure.data.tables.TableClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import dev.supportdesk.json.Json;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.ListPosition;
import dev.supportdesk.tickets.OcrState;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Response;
import dev.supportdesk.tickets.ShardMerge;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Tickets, responses and attachments in one table of Azure Table Storage or Cosmos DB for Table.
 *
 * <p>Tables has no secondary indexes and transactions only within one partition, so every row a
 * ticket needs lives in one partition of its tenant, {@code T|tenant}, or for a big-tier tenant {@code T|tenant|NN}
 * (the shard {@link TableKeys} derives from the ticket's id, over {@link TableKeys#TENANT_SHARDS} partitions): the ticket itself
 * ({@code ticket|id}, read and written by id) and three index rows carrying the same properties,
 * {@code all|inv|id}, {@code status|STATUS|inv|id} and {@code requester|who|inv|id}, where {@code inv}
 * is the inverted creation time, so that an ascending row-key range is newest first. A create or
 * update writes the ticket and its index rows in one entity-group transaction whose ticket operation
 * is conditional on the ETag read with the expected version: a lost race fails the whole transaction
 * and the indexes never disagree with the ticket. Every list is the {@link ShardMerge k-way merge} of
 * row-key range queries, one per shard partition (plus a requester and status filter when listing one
 * requester's tickets), never a scan, resumed after the row key of the core's position in every shard. Cosmos DB for Table does not return query results
 * in key order ("Query results returned by the API for Table aren't sorted in partition key/row key
 * order as they are in Azure Table storage", https://learn.microsoft.com/azure/cosmos-db/table/faq), so
 * the store never relies on the service's order or on {@code $top}: it reads bounded windows of the
 * range whole and sorts them itself (see {@link #newestFirst}). The same FAQ's row-key (255 bytes) and
 * batch (2 MB) limits are checked before every write ({@link #checkCosmosLimits}). Responses ({@code response|time|id},
 * each inserted in one transaction with a marker {@code response-id|id} that makes its id unique) and attachments
 * ({@code attachment|id}) of a ticket live in partition {@code I|tenant|ticketId}.
 *
 * <p>The workflow's sweeps across tenants ({@link #sweep}) are the one exception: the ticket row
 * and each attachment row carry the {@link SweepKey} the core gives them ({@code sweepBucket},
 * {@code sweepAt}; absent when none, and the index rows never carry it), found by a filtered query
 * over all partitions, sorted in memory and resumed after the core's position. Tables has no
 * secondary index to serve them; at the scale of one run every 15 minutes over support tickets this
 * is acceptable. The sweep properties ride on the ticket and attachment rows, so they add no write to
 * any partition.
 *
 * <p>Tickets written before sharding live in {@code T|tenant}: {@link #find} and {@link #update} still
 * find them there and an update moves the ticket to its shard first ({@link #moveToShard}), which is also
 * what {@link TableBackfill} does to every such ticket.
 */
public final class TableTicketStore implements TicketStore {

    private static final long INVERT = TableKeys.INVERT;
    /** The first window of a newest-first list; each further window is {@link #WINDOW_GROWTH} times longer. */
    static final Duration FIRST_WINDOW = Duration.ofHours(1);
    static final int WINDOW_GROWTH = 16;
    /** Cosmos DB for Table: "Row keys can only be up to 255 bytes", "Batches can only have up to 2 MBs" (FAQ). */
    static final int MAX_ROW_KEY_BYTES = TableKeys.MAX_ROW_KEY_BYTES;
    static final long MAX_BATCH_BYTES = 2L * 1024 * 1024;
    static final int BATCH_OVERHEAD_BYTES = 512;
    private static final Comparator<TableEntity> BY_ROW_KEY = Comparator.comparing(TableEntity::getRowKey);
    private static final Comparator<Ticket> NEWEST_FIRST =
            Comparator.comparing((Ticket t) -> TableKeys.position(t.createdAt(), t.id()));
    private static final String TICKET = "ticket|";
    /** The property naming the write that replaced a ticket's row: see {@link #update}. */
    private static final String WRITE_TOKEN = "writeToken";
    private static final String RESPONSE = "response|";
    private static final String ATTACHMENT = "attachment|";
    /**
     * A response's id, unique in its partition: the response's own row key holds its time, so two
     * inserts of one id at different instants would both land without it. Sorts before {@link #RESPONSE}.
     */
    private static final String RESPONSE_ID = "response-id|";
    private static final Set<TableErrorCode> LOST_RACE = Set.of(TableErrorCode.UPDATE_CONDITION_NOT_SATISFIED,
            TableErrorCode.ENTITY_ALREADY_EXISTS, TableErrorCode.ENTITY_NOT_FOUND, TableErrorCode.RESOURCE_NOT_FOUND);

    /**
     * How the store runs a query: the table's own {@code listEntities} in production. A seam for tests,
     * which put Cosmos DB for Table's unordered results between the store and Azurite.
     */
    @FunctionalInterface
    public interface Query {
        Iterable<TableEntity> run(ListEntitiesOptions options);
    }

    private final TableClient table;
    private final Query query;
    private final Clock clock;
    private final TableKeys keys;
    private final ShardReads shardReads;

    /**
     * How a list reads a tenant's shard partitions. Cosmos DB for Table indexes every property, so one query
     * over the range of the tenant's partition keys (filtered on the row's tenant) is served by the index in
     * one request per window; Table Storage has only its clustered (PartitionKey, RowKey) index, so there a
     * list reads each shard partition's row-key range and merges them ({@link ShardMerge}).
     */
    public enum ShardReads {
        PER_PARTITION, PARTITION_RANGE;

        /** Cosmos DB for Table endpoints are {@code https://<account>.table.cosmos.azure.com}. */
        public static ShardReads forEndpoint(String endpoint) {
            return endpoint != null && endpoint.contains(".table.cosmos.") ? PARTITION_RANGE : PER_PARTITION;
        }
    }

    public TableTicketStore(TableClient table) {
        this(table, options -> table.listEntities(options, null, null), Clock.systemUTC());
    }

    /** @param clock where the first window of a list without a position ends (see {@link #newestFirst}) */
    public TableTicketStore(TableClient table, Query query, Clock clock) {
        this(table, query, clock, TableKeys.SHARDED, ShardReads.forEndpoint(table.getTableEndpoint()));
    }

    /** @param keys the layout; {@link TableKeys#UNSHARDED} only to measure against, or to stage a backfill's input */
    public TableTicketStore(TableClient table, Query query, Clock clock, TableKeys keys) {
        this(table, query, clock, keys, ShardReads.forEndpoint(table.getTableEndpoint()));
    }

    public TableTicketStore(TableClient table, Query query, Clock clock, TableKeys keys, ShardReads shardReads) {
        this.table = table;
        this.query = query;
        this.clock = clock;
        this.keys = keys;
        this.shardReads = shardReads;
    }

    @Override
    public void create(Ticket ticket) {
        List<TableTransactionAction> actions = new ArrayList<>();
        actions.add(new TableTransactionAction(TableTransactionActionType.CREATE, ticketRow(ticket)));
        indexRowKeys(ticket).forEach(rowKey ->
                actions.add(new TableTransactionAction(TableTransactionActionType.CREATE, ticketRow(ticket, rowKey))));
        transact(actions, "ticket " + ticket.id() + " already exists");
    }

    /** Where this store puts every row. */
    TableKeys keys() {
        return keys;
    }

    @Override
    public Optional<Ticket> find(String tenant, String ticketId) {
        return ticketRow(tenant, ticketId).map(TableTicketStore::ticket);
    }

    /** The ticket's row in its shard or, not yet moved there, in the tenant's partition of before sharding. */
    private Optional<TableEntity> ticketRow(String tenant, String ticketId) {
        String partition = keys.ticketPartition(tenant, ticketId);
        Optional<TableEntity> row = get(partition, TICKET + ticketId);
        if (row.isPresent() || partition.equals(TableKeys.legacyPartition(tenant))) {
            return row;
        }
        return get(TableKeys.legacyPartition(tenant), TICKET + ticketId);
    }

    /**
     * Moves a ticket from the tenant's partition of before sharding to its shard: its rows are created
     * there unless they already are (a concurrent move or update got there first, and its rows win), then
     * the old rows are deleted. Idempotent; returns whether this call created the rows.
     */
    boolean moveToShard(TableEntity legacyRow) {
        Ticket ticket = ticket(legacyRow);
        boolean moved = true;
        try {
            create(ticket);
        } catch (StaleVersionException alreadyThere) {
            moved = false;
        }
        List<TableTransactionAction> deletes = new ArrayList<>();
        deletes.add(new TableTransactionAction(TableTransactionActionType.DELETE, legacyRow));
        TableKeys.indexRowKeys(ticket).forEach(rowKey -> deletes.add(new TableTransactionAction(
                TableTransactionActionType.DELETE, new TableEntity(legacyRow.getPartitionKey(), rowKey))));
        try {
            table.submitTransaction(deletes);
        } catch (TableTransactionFailedException goneAlready) {
            // another mover deleted them first
        }
        return moved;
    }

    /**
     * Each write carries a token of its own ({@value #WRITE_TOKEN}). When the SDK retries a transaction
     * whose first attempt landed but whose answer was lost, the retry fails the ETag condition against
     * that very write; the token tells it from a concurrent request that wrote an identical change.
     */
    @Override
    public void update(Ticket changed, long expectedVersion) {
        String stale = "ticket " + changed.id() + " is no longer at version " + expectedVersion;
        Optional<TableEntity> found = ticketRow(changed.tenant(), changed.id());
        if (found.isPresent() && !found.get().getPartitionKey().equals(keys.ticketPartition(changed.tenant(), changed.id()))) {
            moveToShard(found.get());
            found = get(keys.ticketPartition(changed.tenant(), changed.id()), TICKET + changed.id());
        }
        TableEntity current = found.filter(entity -> version(entity) == expectedVersion)
                .orElseThrow(() -> new StaleVersionException(stale));
        String token = UUID.randomUUID().toString();
        TableEntity replacement = ticketRow(changed).addProperty(WRITE_TOKEN, token)
                .addProperty("odata.etag", current.getETag());
        List<TableTransactionAction> actions = new ArrayList<>();
        actions.add(new TableTransactionAction(TableTransactionActionType.UPDATE_REPLACE, replacement, true));
        indexRowKeys(changed).forEach(rowKey -> actions.add(
                new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, ticketRow(changed, rowKey))));
        Ticket before = ticket(current);
        if (before.status() != changed.status()) {
            actions.add(new TableTransactionAction(TableTransactionActionType.DELETE,
                    new TableEntity(current.getPartitionKey(), statusRowKey(before))));
        }
        try {
            transact(actions, stale);
        } catch (StaleVersionException e) {
            boolean landedAlready = get(current.getPartitionKey(), current.getRowKey())
                    .filter(stored -> token.equals(stored.getProperty(WRITE_TOKEN))).isPresent();
            if (!landedAlready) {
                throw e;
            }
        }
    }

    @Override
    public List<Ticket> list(TicketQuery query) {
        String prefix = TableKeys.listPrefix(query.status(), query.requester());
        String filter = query.requester().map(requester -> "requester eq " + literal(requester)
                + query.status().map(status -> " and status eq " + literal(status.name())).orElse("")).orElse(null);
        List<String> partitions = keys.tenantPartitions(query.tenant());
        Optional<ListPosition> listAfter = query.after();
        if (shardReads == ShardReads.PARTITION_RANGE || partitions.size() == 1) {
            String tenantRows = partitions.size() == 1 ? "PartitionKey eq " + literal(partitions.getFirst())
                    : "PartitionKey ge " + literal(partitions.getFirst()) + " and PartitionKey le "
                    + literal(partitions.getLast()) + " and tenant eq " + literal(query.tenant());
            return newestFirst(tenantRows, prefix, filter, start(listAfter),
                    listAfter.map(position -> prefix + TableKeys.position(position.createdAt(), position.id())),
                    query.fetch()).items();
        }
        return ShardMerge.merge(partitions.size(), (shard, after, limit) -> {
            Optional<ListPosition> from = after.map(t -> new ListPosition(t.createdAt(), t.id())).or(() -> listAfter);
            return newestFirst("PartitionKey eq " + literal(partitions.get(shard)), prefix, filter, start(from),
                    from.map(position -> prefix + TableKeys.position(position.createdAt(), position.id())), limit);
        }, NEWEST_FIRST, query.fetch());
    }

    private long start(Optional<ListPosition> from) {
        return INVERT - from.map(ListPosition::createdAt).orElse(clock.instant()).toEpochMilli();
    }

    /**
     * Up to {@code fetch} rows of an index ({@code prefix + inverted time + id}) in ascending row-key order,
     * after row key {@code after}. Cosmos DB for Table returns query results in no particular order, so
     * {@code $top} would give any {@code fetch} rows of the range, not the first ones. Instead the range is
     * read in consecutive windows of inverted time, each one read completely and sorted here, until
     * {@code fetch} rows are in hand: the first window ends {@link #FIRST_WINDOW} before {@code start}
     * (now, or the position's time) and each further one is {@link #WINDOW_GROWTH} times longer, so a page
     * reads its own rows plus at most the rest of its last window, and an empty list costs a handful of
     * queries. Windows are disjoint and consecutive in key order, so their sorted concatenation is the
     * index's order.
     */
    private ShardMerge.Slice<Ticket> newestFirst(String partitions, String prefix, String filter, long start,
                                                 Optional<String> after, int fetch) {
        List<TableEntity> rows = new ArrayList<>();
        String lower = after.orElse(prefix);
        boolean lowerInclusive = after.isEmpty();
        long end = Math.max(0, start) + FIRST_WINDOW.toMillis();
        long window = FIRST_WINDOW.toMillis();
        boolean last;
        while (true) {
            last = end > INVERT;
            String upper = last ? prefix + "~" : prefix + String.format("%013d", end);
            String range = partitions
                    + " and RowKey " + (lowerInclusive ? "ge " : "gt ") + literal(lower)
                    + " and RowKey lt " + literal(upper) + (filter == null ? "" : " and " + filter);
            rows.addAll(sorted(new ListEntitiesOptions().setFilter(range)));
            if (rows.size() >= fetch || last) {
                break;
            }
            lower = upper;
            lowerInclusive = true;
            window = Math.min(window * WINDOW_GROWTH, INVERT);
            end += window;
        }
        return new ShardMerge.Slice<>(rows.stream().limit(fetch).map(TableTicketStore::ticket).toList(),
                !last || rows.size() > fetch);
    }

    /** Every row of the query, in row-key order: whatever order the service returned them in. */
    private List<TableEntity> sorted(ListEntitiesOptions options) {
        return rows(options).sorted(BY_ROW_KEY).toList();
    }

    @Override
    public void addResponse(Response response) {
        TableEntity row = new TableEntity(itemsPartition(response.tenant(), response.ticketId()),
                RESPONSE + sortKey(response.createdAt().toEpochMilli(), response.id()))
                .addProperty("id", response.id())
                .addProperty("tenant", response.tenant())
                .addProperty("ticketId", response.ticketId())
                .addProperty("author", response.author())
                .addProperty("body", response.body())
                .addProperty("visibility", response.visibility().name())
                .addProperty("createdAt", response.createdAt().toEpochMilli());
        TableEntity marker = new TableEntity(row.getPartitionKey(), RESPONSE_ID + response.id())
                .addProperty("responseRowKey", row.getRowKey());
        transact(List.of(new TableTransactionAction(TableTransactionActionType.CREATE, row),
                new TableTransactionAction(TableTransactionActionType.CREATE, marker)),
                "response " + response.id() + " already exists");
    }

    @Override
    public Optional<Response> findResponse(String tenant, String ticketId, String responseId) {
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter(
                range(itemsPartition(tenant, ticketId), RESPONSE, null) + " and id eq " + literal(responseId));
        return rows(options).findFirst().map(TableTicketStore::response);
    }

    @Override
    public List<Response> listResponses(ResponseQuery query) {
        String filter = query.includeInternal() ? null : "visibility eq " + literal(Visibility.PUBLIC.name());
        Optional<String> after = query.after().map(position ->
                RESPONSE + sortKey(position.createdAt().toEpochMilli(), position.id()));
        return oldestFirst(itemsPartition(query.tenant(), query.ticketId()), RESPONSE, filter, after, query.fetch());
    }

    @Override
    public void addAttachment(Attachment attachment) {
        insert(attachmentRow(attachment), "attachment " + attachment.id() + " already exists");
    }

    @Override
    public Optional<Attachment> findAttachment(String tenant, String ticketId, String attachmentId) {
        return get(itemsPartition(tenant, ticketId), ATTACHMENT + attachmentId).map(TableTicketStore::attachment);
    }

    @Override
    public void updateAttachment(Attachment changed, long expectedVersion) {
        String stale = "attachment " + changed.id() + " is no longer at version " + expectedVersion;
        TableEntity current = get(itemsPartition(changed.tenant(), changed.ticketId()), ATTACHMENT + changed.id())
                .filter(entity -> version(entity) == expectedVersion)
                .orElseThrow(() -> new StaleVersionException(stale));
        try {
            table.updateEntityWithResponse(attachmentRow(changed).addProperty("odata.etag", current.getETag()),
                    TableEntityUpdateMode.REPLACE, true, null, null);
        } catch (TableServiceException e) {
            throw staleOr(e, stale);
        }
    }

    /**
     * Up to {@code fetch} responses after row key {@code after}, oldest first. The ticket's whole range is
     * read and sorted here (Cosmos DB for Table does not sort, so {@code $top} could skip the oldest);
     * one ticket's responses are a conversation, not a table scan.
     */
    private List<Response> oldestFirst(String partition, String prefix, String filter, Optional<String> after, int fetch) {
        String query = range(partition, prefix, after.orElse(null)) + (filter == null ? "" : " and " + filter);
        return sorted(new ListEntitiesOptions().setFilter(query)).stream().limit(fetch)
                .map(TableTicketStore::response).toList();
    }

    private static String range(String partition, String prefix, String after) {
        return "PartitionKey eq " + literal(partition)
                + (after == null ? " and RowKey ge " + literal(prefix) : " and RowKey gt " + literal(after))
                + " and RowKey lt " + literal(prefix + "~");
    }

    /**
     * A filtered query over all partitions for the rows carrying the bucket, sorted here: Tables has
     * no secondary index, and Cosmos DB for Table does not sort a cross-partition result.
     */
    @Override
    public List<SweepEntry> sweep(SweepQuery query) {
        String filter = "sweepBucket eq " + literal(query.bucket())
                + " and sweepAt le " + query.notAfter().toEpochMilli() + "L"
                + query.after().map(after -> " and sweepAt ge " + after.at().toEpochMilli() + "L").orElse("");
        return rows(new ListEntitiesOptions().setFilter(filter))
                .map(TableTicketStore::sweepEntry)
                .filter(entry -> query.after().map(after -> SweepEntry.ORDER.compare(entry, after) > 0).orElse(true))
                .distinct() // a ticket being moved to its shard has its row in both partitions for a moment
                .sorted(SweepEntry.ORDER)
                .limit(query.fetch())
                .toList();
    }

    private java.util.stream.Stream<TableEntity> rows(ListEntitiesOptions options) {
        return java.util.stream.StreamSupport.stream(query.run(options).spliterator(), false);
    }

    private void transact(List<TableTransactionAction> actions, String staleMessage) {
        checkCosmosLimits(actions.stream().map(TableTransactionAction::getEntity).toList());
        try {
            table.submitTransaction(actions);
        } catch (TableTransactionFailedException e) {
            throw staleOr(e, staleMessage);
        }
    }

    private void insert(TableEntity row, String staleMessage) {
        checkCosmosLimits(List.of(row));
        try {
            table.createEntity(row);
        } catch (TableServiceException e) {
            throw staleOr(e, staleMessage);
        }
    }

    /**
     * Entity exists (409), ETag moved on (412) and entity gone (404) are lost races. A failed
     * transaction reports them through its error code and may carry no response.
     */
    private static RuntimeException staleOr(TableServiceException e, String staleMessage) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        TableErrorCode code = e.getValue() == null ? null : e.getValue().getErrorCode();
        boolean lostRace = status == 409 || status == 412 || status == 404
                || code != null && LOST_RACE.contains(code);
        return lostRace ? new StaleVersionException(staleMessage) : e;
    }

    private Optional<TableEntity> get(String partition, String rowKey) {
        try {
            return Optional.of(table.getEntity(partition, rowKey));
        } catch (TableServiceException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static List<String> indexRowKeys(Ticket t) {
        return TableKeys.indexRowKeys(t);
    }

    static String requesterPrefix(String requester) {
        return TableKeys.requesterPrefix(requester);
    }

    /**
     * Refuses, before anything is sent, what Cosmos DB for Table would refuse where Azurite and Table
     * Storage accept it (https://learn.microsoft.com/azure/cosmos-db/table/faq): a row key over 255
     * bytes, a batch over 2 MB. The request size is estimated as the entities' JSON, which is what an
     * entity-group transaction carries per operation, plus {@link #BATCH_OVERHEAD_BYTES} per operation
     * for the multipart headers.
     */
    static void checkCosmosLimits(List<TableEntity> rows) {
        long bytes = 0;
        for (TableEntity row : rows) {
            int keyBytes = row.getRowKey().getBytes(StandardCharsets.UTF_8).length;
            if (keyBytes > MAX_ROW_KEY_BYTES) {
                throw new IllegalArgumentException("row key of " + keyBytes + " bytes; Cosmos DB for Table allows "
                        + MAX_ROW_KEY_BYTES + ": " + row.getRowKey());
            }
            bytes += BATCH_OVERHEAD_BYTES + jsonBytes(row);
        }
        if (bytes > MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("a transaction of about " + bytes + " bytes; Cosmos DB for Table allows "
                    + MAX_BATCH_BYTES);
        }
    }

    private static long jsonBytes(TableEntity row) {
        try {
            Map<String, Object> properties = new LinkedHashMap<>(row.getProperties());
            properties.remove("odata.etag");
            return Json.MAPPER.writeValueAsBytes(properties).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String statusRowKey(Ticket t) {
        return TableKeys.statusRowKey(t);
    }

    /** The ticket's own row: its index rows plus the sweep key the core gives it. */
    private TableEntity ticketRow(Ticket t) {
        TableEntity row = ticketRow(t, TICKET + t.id());
        SweepKey.of(t).ifPresent(key -> addSweepKey(row, key));
        return row;
    }

    private static void addSweepKey(TableEntity row, SweepKey key) {
        row.addProperty("sweepBucket", key.bucket()).addProperty("sweepAt", key.at().toEpochMilli());
    }

    private static SweepEntry sweepEntry(TableEntity e) {
        Instant at = instant(e, "sweepAt");
        if (e.getRowKey().startsWith(ATTACHMENT)) {
            return new SweepEntry(at, s(e, "tenant"), s(e, "ticketId"), Optional.of(s(e, "id")));
        }
        return new SweepEntry(at, s(e, "tenant"), s(e, "id"), Optional.empty());
    }

    private TableEntity ticketRow(Ticket t, String rowKey) {
        TableEntity row = new TableEntity(keys.ticketPartition(t.tenant(), t.id()), rowKey)
                .addProperty("id", t.id())
                .addProperty("tenant", t.tenant())
                .addProperty("requester", t.requester())
                .addProperty("subject", t.subject())
                .addProperty("description", t.description())
                .addProperty("priority", t.priority().name())
                .addProperty("status", t.status().name())
                .addProperty("createdAt", t.createdAt().toEpochMilli())
                .addProperty("updatedAt", t.updatedAt().toEpochMilli())
                .addProperty("version", t.version());
        if (t.assignee() != null) {
            row.addProperty("assignee", t.assignee());
        }
        return row;
    }

    private static TableEntity attachmentRow(Attachment a) {
        TableEntity row = new TableEntity(itemsPartition(a.tenant(), a.ticketId()), ATTACHMENT + a.id())
                .addProperty("id", a.id())
                .addProperty("tenant", a.tenant())
                .addProperty("ticketId", a.ticketId())
                .addProperty("fileName", a.fileName())
                .addProperty("contentType", a.contentType())
                .addProperty("size", a.size())
                .addProperty("blobKey", a.blobKey())
                .addProperty("createdAt", a.createdAt().toEpochMilli())
                .addProperty("ocrStatus", a.ocrStatus().name())
                .addProperty("version", a.version());
        if (a.uploadedAt() != null) {
            row.addProperty("uploadedAt", a.uploadedAt().toEpochMilli());
        }
        if (a.ocrText() != null) {
            row.addProperty("ocrText", a.ocrText());
        }
        if (a.ocr() != OcrState.NONE) {
            row.addProperty("ocrState", a.ocr().toJson());
        }
        if (a.quarantined()) {
            row.addProperty("quarantineReason", a.quarantineReason());
        }
        SweepKey.of(a).ifPresent(key -> addSweepKey(row, key));
        return row;
    }

    private static Ticket ticket(TableEntity e) {
        return new Ticket(s(e, "id"), s(e, "tenant"), s(e, "requester"), s(e, "subject"), s(e, "description"),
                Priority.valueOf(s(e, "priority")), TicketStatus.valueOf(s(e, "status")), s(e, "assignee"),
                instant(e, "createdAt"), instant(e, "updatedAt"), version(e));
    }

    private static Response response(TableEntity e) {
        return new Response(s(e, "id"), s(e, "tenant"), s(e, "ticketId"), s(e, "author"), s(e, "body"),
                Visibility.valueOf(s(e, "visibility")), instant(e, "createdAt"));
    }

    private static Attachment attachment(TableEntity e) {
        return new Attachment(s(e, "id"), s(e, "tenant"), s(e, "ticketId"), s(e, "fileName"), s(e, "contentType"),
                n(e, "size"), s(e, "blobKey"), instant(e, "createdAt"), instant(e, "uploadedAt"),
                OcrStatus.valueOf(s(e, "ocrStatus")), s(e, "ocrText"), version(e), OcrState.fromJson(s(e, "ocrState")),
                s(e, "quarantineReason"));
    }

    private static String itemsPartition(String tenant, String ticketId) {
        return TableKeys.itemsPartition(tenant, ticketId);
    }

    private static String sortKey(long number, String id) {
        return String.format("%013d|%s", number, id);
    }

    /** An OData string literal; quotes are doubled, so no value can change the filter's meaning. */
    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static long version(TableEntity e) {
        return n(e, "version");
    }

    private static String s(TableEntity e, String name) {
        Object value = e.getProperty(name);
        return value == null ? null : value.toString();
    }

    private static long n(TableEntity e, String name) {
        return ((Number) e.getProperty(name)).longValue();
    }

    private static Instant instant(TableEntity e, String name) {
        Object value = e.getProperty(name);
        return value == null ? null : Instant.ofEpochMilli(((Number) value).longValue());
    }
}
