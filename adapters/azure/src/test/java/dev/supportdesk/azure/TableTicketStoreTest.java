package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.data.tables.models.TableEntity;
import dev.supportdesk.azure.store.TableKeys;
import dev.supportdesk.azure.store.TableTicketStore;
import dev.supportdesk.contract.TicketStoreContract;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Shards;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketProperties;
import dev.supportdesk.tickets.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The store contract against Azurite's Table service. */
class TableTicketStoreTest extends TicketStoreContract {

    private final TableTicketStore store = new TableTicketStore(Emulators.table());

    @Override
    protected TicketStore store() {
        return store;
    }

    @Test
    void aTicketAndItsIndexRowsShareTheTicketsShardOfTheTenantAndMoveTogether() {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        String tenant = "keys" + UUID.randomUUID().toString().substring(0, 8);
        Ticket ticket = new Ticket(UUID.randomUUID().toString(), tenant, "alice", "s", "d", Priority.LOW,
                TicketStatus.OPEN, null, at, at, 1);
        store.create(ticket);
        String position = String.format("%013d|%s", 9_999_999_999_999L - at.toEpochMilli(), ticket.id());
        String partition = TableKeys.SHARDED.ticketPartition(tenant, ticket.id());
        assertThat(partition).isEqualTo("T|" + tenant + "|"
                + String.format("%02d", Shards.of(ticket.id(), TableKeys.TENANT_SHARDS)));
        assertThat(rowKeys(partition)).containsExactlyInAnyOrder("ticket|" + ticket.id(), "all|" + position,
                "status|OPEN|" + position, "requester|alice|" + position);

        store.update(ticket.changed(TicketStatus.IN_PROGRESS, Priority.LOW, "agent", at.plusSeconds(1)), 1);
        assertThat(rowKeys(partition)).containsExactlyInAnyOrder("ticket|" + ticket.id(), "all|" + position,
                "status|IN_PROGRESS|" + position, "requester|alice|" + position);
        assertThat(Emulators.table().getEntity(partition, "status|IN_PROGRESS|" + position).getProperty("version"))
                .isEqualTo(2L);
        assertThat(Emulators.table().getEntity(partition, "ticket|" + ticket.id()).getProperty("sweepBucket"))
                .isEqualTo("T#IN_PROGRESS#LOW");
        assertThat(Emulators.table().getEntity(partition, "all|" + position).getProperty("sweepBucket"))
                .as("index rows stay out of the sweeps").isNull();
    }

    /** Cosmos DB for Table indexes every property, so lists read a partition-key range there; Table Storage reads each shard. */
    @Test
    void cosmosEndpointsReadAPartitionRangeAndStorageEndpointsEachShard() {
        assertThat(TableTicketStore.ShardReads.forEndpoint("https://acct.table.cosmos.azure.com/tickets"))
                .isEqualTo(TableTicketStore.ShardReads.PARTITION_RANGE);
        assertThat(TableTicketStore.ShardReads.forEndpoint("https://acct.table.core.windows.net/tickets"))
                .isEqualTo(TableTicketStore.ShardReads.PER_PARTITION);
        assertThat(TableTicketStore.ShardReads.forEndpoint(Emulators.table().getTableEndpoint()))
                .isEqualTo(TableTicketStore.ShardReads.PER_PARTITION);
    }

    /** A big-tier tenant is beyond one Table Storage account's transactions (docs/scale.md): refused, not served slowly. */
    @Test
    void theBigTierIsRefusedOnTableStorageAndAcceptedOnCosmosDbAndOnTheEmulator() {
        TicketProperties bigTier = new TicketProperties(1024, Duration.ofMinutes(15), List.of("big"));
        assertThatThrownBy(() -> new AzureConfiguration().ticketStore(
                tableAt("https://acct.table.core.windows.net"), Clock.systemUTC(), bigTier))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SUPPORTDESK_SHARDED_TENANTS").hasMessageContaining("Cosmos DB for Table");
        assertThat(new AzureConfiguration().ticketStore(tableAt("https://acct.table.cosmos.azure.com"), Clock.systemUTC(),
                bigTier)).isNotNull();
        assertThat(new AzureConfiguration().ticketStore(Emulators.table(), Clock.systemUTC(), bigTier)).isNotNull();
        TicketProperties noBigTier = new TicketProperties(1024, Duration.ofMinutes(15), List.of());
        assertThat(new AzureConfiguration().ticketStore(tableAt("https://acct.table.core.windows.net"), Clock.systemUTC(),
                noBigTier)).isNotNull();
    }

    /** A client that is only built, never called: the store reads nothing at construction. */
    private static com.azure.data.tables.TableClient tableAt(String endpoint) {
        return new com.azure.data.tables.TableClientBuilder().endpoint(endpoint).tableName("tickets")
                .credential(new com.azure.core.credential.AzureNamedKeyCredential("acct", "a2V5")).buildClient();
    }

    private static List<String> rowKeys(String partition) {
        return Emulators.table().listEntities(new com.azure.data.tables.models.ListEntitiesOptions()
                .setFilter("PartitionKey eq '" + partition + "'"), null, null).stream().map(TableEntity::getRowKey).toList();
    }
}
