package dev.supportdesk.azure;

import dev.supportdesk.azure.store.TableTicketStore;
import dev.supportdesk.contract.TicketStoreContract;
import dev.supportdesk.tickets.TicketStore;

/**
 * The store contract on Azurite with query results in no particular order, as Cosmos DB for Table (the
 * template's default backend) returns them ({@link CosmosTableOrder}): lists stay newest first, and
 * paging neither skips nor repeats.
 */
class CosmosOrderTableTicketStoreTest extends TicketStoreContract {

    private final TableTicketStore store = new TableTicketStore(Emulators.table(),
            new CosmosTableOrder(Emulators.table(), 20261129L));

    @Override
    protected TicketStore store() {
        return store;
    }
}
