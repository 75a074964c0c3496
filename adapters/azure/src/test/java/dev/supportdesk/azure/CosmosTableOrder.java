package dev.supportdesk.azure;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import dev.supportdesk.azure.store.TableTicketStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A query decorator that answers as Azure Cosmos DB for Table may, where Azurite and Table Storage are
 * kinder. The Cosmos DB for Table FAQ ("Where is API for Table not identical with Azure Table storage
 * behavior?", https://learn.microsoft.com/azure/cosmos-db/table/faq) says: "Query results returned by
 * the API for Table aren't sorted in partition key/row key order as they are in Azure Table storage."
 *
 * <p>So a query's matching rows come back in any order, and a query with {@code $top = n} returns
 * <em>some</em> n matching rows, not the n first in key order: this decorator runs the filter on
 * Azurite without {@code $top}, shuffles every matching row, then keeps the first {@code $top}. A store
 * that relies on key order lists out of order, and its pages skip or repeat rows.
 */
final class CosmosTableOrder implements TableTicketStore.Query {

    private final TableClient table;
    private final Random random;

    CosmosTableOrder(TableClient table, long seed) {
        this.table = table;
        this.random = new Random(seed);
    }

    @Override
    public Iterable<TableEntity> run(ListEntitiesOptions options) {
        ListEntitiesOptions everything = new ListEntitiesOptions().setFilter(options.getFilter())
                .setSelect(options.getSelect());
        List<TableEntity> rows = new ArrayList<>(table.listEntities(everything, null, null).stream().toList());
        synchronized (random) {
            Collections.shuffle(rows, random);
        }
        Integer top = options.getTop();
        return top == null ? rows : rows.subList(0, Math.min(top, rows.size()));
    }
}
