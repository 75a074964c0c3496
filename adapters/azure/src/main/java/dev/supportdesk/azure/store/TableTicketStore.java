package dev.supportdesk.azure.store;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Tickets, responses and attachments in one table of Azure Table Storage or Cosmos DB for Table.
 *
 * <p>Tables has no secondary indexes and transactions only within one partition, so every row a
 * ticket needs lives in its tenant's partition {@code T|tenant}: the ticket itself
 * ({@code ticket|id}, read and written by id) and three index rows carrying the same properties,
 * {@code all|inv|id}, {@code status|STATUS|inv|id} and {@code requester|who|inv|id}, where {@code inv}
 * is the inverted creation time, so that an ascending row-key range is newest first. A create or
 * update writes the ticket and its index rows in one entity-group transaction whose ticket operation
 * is conditional on the ETag read with the expected version: a lost race fails the whole transaction
 * and the indexes never disagree with the ticket. Every list is a row-key range query inside one
 * partition (plus a status filter when listing one requester's tickets by status), never a scan,
 * resumed after the row key of the core's position. Responses ({@code response|time|id}) and attachments
 * ({@code attachment|id}) of a ticket live in partition {@code I|tenant|ticketId}.
 *
 * <p>The workflow's sweeps across tenants ({@link #sweep}) are the one exception: the ticket row
 * and each attachment row carry the {@link SweepKey} the core gives them ({@code sweepBucket},
 * {@code sweepAt}; absent when none, and the index rows never carry it), found by a filtered query
 * over all partitions, sorted in memory and resumed after the core's position. Tables has no
 * secondary index to serve them; at the scale of one run every 15 minutes over support tickets this
 * is acceptable. Rows written before the sweep key existed lack it and are swept again once they
 * are next written (a backfill that rewrites them is the scale issue's).
 *
 * <p>Cosmos DB limits a logical partition to 20 GB: with four rows of about 1 KB per ticket a
 * tenant partition holds millions of tickets before that matters.
 */
public final class TableTicketStore implements TicketStore {

    private static final long INVERT = 9_999_999_999_999L;
    private static final String TICKET = "ticket|";
    private static final String RESPONSE = "response|";
    private static final String ATTACHMENT = "attachment|";
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

    public TableTicketStore(TableClient table) {
        this(table, options -> table.listEntities(options, null, null));
    }

    public TableTicketStore(TableClient table, Query query) {
        this.table = table;
        this.query = query;
    }

    @Override
    public void create(Ticket ticket) {
        List<TableTransactionAction> actions = new ArrayList<>();
        actions.add(new TableTransactionAction(TableTransactionActionType.CREATE, ticketRow(ticket)));
        indexRowKeys(ticket).forEach(rowKey ->
                actions.add(new TableTransactionAction(TableTransactionActionType.CREATE, ticketRow(ticket, rowKey))));
        transact(actions, "ticket " + ticket.id() + " already exists");
    }

    @Override
    public Optional<Ticket> find(String tenant, String ticketId) {
        return get(tenantPartition(tenant), TICKET + ticketId).map(TableTicketStore::ticket);
    }

    @Override
    public void update(Ticket changed, long expectedVersion) {
        String stale = "ticket " + changed.id() + " is no longer at version " + expectedVersion;
        TableEntity current = get(tenantPartition(changed.tenant()), TICKET + changed.id())
                .filter(entity -> version(entity) == expectedVersion)
                .orElseThrow(() -> new StaleVersionException(stale));
        TableEntity replacement = ticketRow(changed).addProperty("odata.etag", current.getETag());
        List<TableTransactionAction> actions = new ArrayList<>();
        actions.add(new TableTransactionAction(TableTransactionActionType.UPDATE_REPLACE, replacement, true));
        indexRowKeys(changed).forEach(rowKey -> actions.add(
                new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, ticketRow(changed, rowKey))));
        Ticket before = ticket(current);
        if (before.status() != changed.status()) {
            actions.add(new TableTransactionAction(TableTransactionActionType.DELETE,
                    new TableEntity(current.getPartitionKey(), statusRowKey(before))));
        }
        transact(actions, stale);
    }

    @Override
    public List<Ticket> list(TicketQuery query) {
        String prefix;
        String filter = null;
        if (query.requester().isPresent()) {
            prefix = "requester|" + query.requester().get() + "|";
            filter = query.status().map(status -> "status eq " + literal(status.name())).orElse(null);
        } else if (query.status().isPresent()) {
            prefix = "status|" + query.status().get().name() + "|";
        } else {
            prefix = "all|";
        }
        Optional<String> after = query.after().map(position ->
                prefix + sortKey(INVERT - position.createdAt().toEpochMilli(), position.id()));
        return fetch(tenantPartition(query.tenant()), prefix, filter, after, query.fetch(), TableTicketStore::ticket);
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
        insert(row, "response " + response.id() + " already exists");
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
        return fetch(itemsPartition(query.tenant(), query.ticketId()), RESPONSE, filter, after, query.fetch(),
                TableTicketStore::response);
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

    /** Up to {@code fetch} rows of a row-key range ({@code prefix...}) in ascending order, after row key {@code after}. */
    private <T> List<T> fetch(String partition, String prefix, String filter, Optional<String> after, int fetch,
                              Function<TableEntity, T> mapper) {
        String query = range(partition, prefix, after.orElse(null)) + (filter == null ? "" : " and " + filter);
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter(query).setTop(fetch);
        return rows(options).limit(fetch).map(mapper).toList();
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
                .sorted(SweepEntry.ORDER)
                .limit(query.fetch())
                .toList();
    }

    private java.util.stream.Stream<TableEntity> rows(ListEntitiesOptions options) {
        return java.util.stream.StreamSupport.stream(query.run(options).spliterator(), false);
    }

    private void transact(List<TableTransactionAction> actions, String staleMessage) {
        try {
            table.submitTransaction(actions);
        } catch (TableTransactionFailedException e) {
            throw staleOr(e, staleMessage);
        }
    }

    private void insert(TableEntity row, String staleMessage) {
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
        String position = sortKey(INVERT - t.createdAt().toEpochMilli(), t.id());
        return List.of("all|" + position, statusRowKey(t), "requester|" + t.requester() + "|" + position);
    }

    private static String statusRowKey(Ticket t) {
        return "status|" + t.status().name() + "|" + sortKey(INVERT - t.createdAt().toEpochMilli(), t.id());
    }

    /** The ticket's own row: its index rows plus the sweep key the core gives it. */
    private static TableEntity ticketRow(Ticket t) {
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

    private static TableEntity ticketRow(Ticket t, String rowKey) {
        TableEntity row = new TableEntity(tenantPartition(t.tenant()), rowKey)
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
                OcrStatus.valueOf(s(e, "ocrStatus")), s(e, "ocrText"), version(e), OcrState.fromJson(s(e, "ocrState")));
    }

    private static String tenantPartition(String tenant) {
        return "T|" + tenant;
    }

    private static String itemsPartition(String tenant, String ticketId) {
        return "I|" + tenant + "|" + ticketId;
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
