package dev.supportdesk.azure.store;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import dev.supportdesk.tickets.StaleVersionException;
import dev.supportdesk.workflow.WorkflowStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The workflow's records in the tickets table: partition {@code WF|kind}, row key the document id
 * (with the characters Tables forbids in keys percent-encoded). Creates are inserts (409 when the id
 * exists), replaces are conditional on the ETag read with the expected version (412 when it moved).
 * {@link #latest} reads the kind's partition and sorts in memory: runs are few (96 a day on the
 * default schedule); prune old ones if that ever matters. A string property holds at most 32K
 * characters, so the JSON is split over {@code json0}, {@code json1}, ... (an entity may be 1 MB).
 */
public final class TableWorkflowStore implements WorkflowStore {

    private static final int CHUNK = 30_000;

    private final TableClient table;

    public TableWorkflowStore(TableClient table) {
        this.table = table;
    }

    @Override
    public Optional<WorkflowDoc> find(String kind, String id) {
        return entity(kind, id).map(TableWorkflowStore::doc);
    }

    @Override
    public void put(WorkflowDoc doc, long expectedVersion) {
        String stale = doc.kind() + " " + doc.id() + (expectedVersion == 0 ? " exists already"
                : " is no longer at version " + expectedVersion);
        TableEntity row = new TableEntity(partition(doc.kind()), rowKey(doc.id()))
                .addProperty("kind", doc.kind())
                .addProperty("id", doc.id())
                .addProperty("version", doc.version());
        int parts = 0;
        for (int from = 0; from < doc.json().length() || parts == 0; from += CHUNK) {
            row.addProperty("json" + parts++, doc.json().substring(from, Math.min(doc.json().length(), from + CHUNK)));
        }
        row.addProperty("jsonParts", parts);
        try {
            if (expectedVersion == 0) {
                table.createEntity(row);
                return;
            }
            TableEntity current = entity(doc.kind(), doc.id())
                    .filter(e -> ((Number) e.getProperty("version")).longValue() == expectedVersion)
                    .orElseThrow(() -> new StaleVersionException(stale));
            row.addProperty("odata.etag", current.getETag());
            table.updateEntityWithResponse(row, TableEntityUpdateMode.REPLACE, true, null, null);
        } catch (TableServiceException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            if (status == 409 || status == 412 || status == 404) {
                throw new StaleVersionException(stale);
            }
            throw e;
        }
    }

    @Override
    public List<WorkflowDoc> latest(String kind, int limit) {
        String filter = "PartitionKey eq '" + partition(kind).replace("'", "''") + "'";
        return table.listEntities(new ListEntitiesOptions().setFilter(filter), null, null).stream()
                .map(TableWorkflowStore::doc)
                .sorted(Comparator.comparing(WorkflowDoc::id).reversed())
                .limit(limit)
                .toList();
    }

    private Optional<TableEntity> entity(String kind, String id) {
        try {
            return Optional.of(table.getEntity(partition(kind), rowKey(id)));
        } catch (TableServiceException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String partition(String kind) {
        return "WF|" + kind;
    }

    /** Tables forbids '/', '\', '#', '?' and control characters in keys. */
    static String rowKey(String id) {
        StringBuilder key = new StringBuilder();
        for (char c : id.toCharArray()) {
            if (c == '%' || c == '/' || c == '\\' || c == '#' || c == '?' || Character.isISOControl(c)) {
                key.append(String.format("%%%02X", (int) c));
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    private static WorkflowDoc doc(TableEntity e) {
        StringBuilder json = new StringBuilder();
        int parts = ((Number) e.getProperty("jsonParts")).intValue();
        for (int i = 0; i < parts; i++) {
            json.append(e.getProperty("json" + i));
        }
        return new WorkflowDoc(e.getProperty("kind").toString(), e.getProperty("id").toString(), json.toString(),
                ((Number) e.getProperty("version")).longValue());
    }
}
