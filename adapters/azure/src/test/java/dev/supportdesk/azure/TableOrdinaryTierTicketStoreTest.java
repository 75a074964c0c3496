package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.data.tables.models.ListEntitiesOptions;
import dev.supportdesk.azure.store.TableKeys;
import dev.supportdesk.azure.store.TableTicketStore;
import dev.supportdesk.contract.TicketStoreContract;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.ShardTiers;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The store contract on Azurite for tenants outside the big tier: a tenant's rows in one partition. */
class TableOrdinaryTierTicketStoreTest extends TicketStoreContract {

    private final TableTicketStore store = new TableTicketStore(Emulators.table(),
            options -> Emulators.table().listEntities(options, null, null), Clock.systemUTC(),
            TableKeys.tiered(ShardTiers.of(List.of("the-big-one"))));

    @Override
    protected TicketStore store() {
        return store;
    }

    @Test
    void anOrdinaryTenantsTicketAndIndexRowsShareItsOnePartition() {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        String tenant = "small" + UUID.randomUUID().toString().substring(0, 8);
        Ticket ticket = new Ticket(UUID.randomUUID().toString(), tenant, "alice", "s", "d", Priority.LOW,
                TicketStatus.OPEN, null, at, at, 1);
        store.create(ticket);
        assertThat(Emulators.table().listEntities(new ListEntitiesOptions()
                .setFilter("PartitionKey eq 'T|" + tenant + "'"), null, null).stream().count()).isEqualTo(4);
        assertThat(TableKeys.tiered(ShardTiers.of(List.of("the-big-one"))).ticketPartition("the-big-one", ticket.id()))
                .matches("T\\|the-big-one\\|\\d{2}");
    }
}
