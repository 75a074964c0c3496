package dev.supportdesk.azure.store;

import com.azure.core.http.rest.PagedResponse;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import dev.supportdesk.domain.InvalidInput;
import dev.supportdesk.tickets.backfill.KeyBackfill;
import java.util.Iterator;
import java.util.Optional;

/**
 * The backfill on Tables: pages through the ticket rows of the whole table (a one-shot job, the one place
 * a query across partitions is right) and moves every ticket still in its tenant's partition of before
 * sharding, {@code T|tenant}, to its shard ({@link TableTicketStore#moveToShard}). Responses and
 * attachments keep their partitions. The position between steps is the service's continuation token.
 */
public final class TableKeyBackfill implements KeyBackfill {

    private static final String TICKET_ROWS = "RowKey ge '" + TableKeys.TICKET + "' and RowKey lt '" + TableKeys.TICKET + "~'";

    private final TableClient table;
    private final TableTicketStore store;
    private final TableKeys keys;

    public TableKeyBackfill(TableClient table, TableTicketStore store) {
        this(table, store, store.keys());
    }

    TableKeyBackfill(TableClient table, TableTicketStore store, TableKeys keys) {
        this.table = table;
        this.store = store;
        this.keys = keys;
    }

    @Override
    public Step step(Optional<String> resumeFrom, int maxItems) {
        PagedResponse<TableEntity> page;
        try {
            Iterator<PagedResponse<TableEntity>> pages = table.listEntities(
                    new ListEntitiesOptions().setFilter(TICKET_ROWS).setTop(maxItems), null, null)
                    .iterableByPage(resumeFrom.orElse(null), maxItems).iterator();
            if (!pages.hasNext()) {
                return new Step(0, 0, Optional.empty());
            }
            page = pages.next();
        } catch (TableServiceException | IllegalArgumentException e) {
            throw new InvalidInput("resumeFrom is not a position this backfill returned");
        }
        int rewritten = 0;
        for (TableEntity row : page.getValue()) {
            if (inLegacyPartition(row) && store.moveToShard(row)) {
                rewritten++;
            }
        }
        String next = page.getContinuationToken();
        return new Step(page.getValue().size(), rewritten, Optional.ofNullable(next).filter(token -> !token.isEmpty()));
    }

    private boolean inLegacyPartition(TableEntity row) {
        Object tenant = row.getProperty("tenant");
        Object id = row.getProperty("id");
        return tenant != null && id != null
                && row.getPartitionKey().equals(TableKeys.legacyPartition(tenant.toString()))
                && !row.getPartitionKey().equals(keys.ticketPartition(tenant.toString(), id.toString()));
    }
}
