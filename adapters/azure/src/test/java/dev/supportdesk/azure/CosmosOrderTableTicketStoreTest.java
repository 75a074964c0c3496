package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import dev.supportdesk.azure.store.TableKeys;
import dev.supportdesk.azure.store.TableTicketStore;
import dev.supportdesk.contract.TicketStoreContract;
import dev.supportdesk.tickets.ListPosition;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketQuery;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The store contract on Azurite with query results in no particular order, as Cosmos DB for Table (the
 * template's default backend) returns them ({@link CosmosTableOrder}): lists stay newest first, and
 * paging neither skips nor repeats. Plus the other differences the Cosmos DB for Table FAQ lists that
 * Azurite does not enforce: row keys of at most 255 bytes, batches of at most 2 MB. Lists read the tenant's
 * shard partitions as one partition-key range, as the store does on Cosmos DB for Table.
 */
class CosmosOrderTableTicketStoreTest extends TicketStoreContract {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    private final TableTicketStore store = new TableTicketStore(Emulators.table(),
            new CosmosTableOrder(Emulators.table(), 20261129L), Clock.systemUTC(), TableKeys.SHARDED,
            TableTicketStore.ShardReads.PARTITION_RANGE);
    private final TableTicketStore atNoon = new TableTicketStore(Emulators.table(),
            new CosmosTableOrder(Emulators.table(), 7L), Clock.fixed(NOW, ZoneOffset.UTC), TableKeys.SHARDED,
            TableTicketStore.ShardReads.PARTITION_RANGE);

    @Override
    protected TicketStore store() {
        return store;
    }

    /** Tickets dense in the last hour, a few minutes, days and years back: every window size is crossed. */
    @Test
    void pagesAcrossManyWindowsAreNewestFirstWithoutGapsOrRepeats() {
        String tenant = "win" + UUID.randomUUID().toString().substring(0, 8);
        List<Ticket> all = new ArrayList<>();
        long[] agesSeconds = {0, 1, 1, 2, 59, 60, 61, 3_599, 3_600, 3_601, 7_200, 86_400, 86_401, 30 * 86_400L,
                400 * 86_400L, 3_000 * 86_400L, 20_000 * 86_400L, -30};
        for (long age : agesSeconds) {
            Instant at = NOW.minusSeconds(age);
            Ticket ticket = new Ticket(UUID.randomUUID().toString(), tenant, age % 2 == 0 ? "alice" : "bob", "s", "d",
                    Priority.LOW, TicketStatus.OPEN, null, at, at, 1);
            atNoon.create(ticket);
            all.add(ticket);
        }
        all.sort(Comparator.comparing(Ticket::createdAt).reversed().thenComparing(Ticket::id));
        for (int pageSize : new int[] {1, 3, 5, 50}) {
            assertThat(drain(tenant, Optional.empty(), pageSize)).as("pages of %d", pageSize).containsExactlyElementsOf(all);
        }
        assertThat(drain(tenant, Optional.of("bob"), 2))
                .containsExactlyElementsOf(all.stream().filter(t -> t.requester().equals("bob")).toList());
    }

    private List<Ticket> drain(String tenant, Optional<String> requester, int pageSize) {
        List<Ticket> seen = new ArrayList<>();
        Optional<ListPosition> after = Optional.empty();
        List<Ticket> page;
        do {
            page = atNoon.list(new TicketQuery(tenant, Optional.empty(), requester, after, pageSize));
            seen.addAll(page);
            after = page.isEmpty() ? after : Optional.of(new ListPosition(page.getLast().createdAt(), page.getLast().id()));
        } while (page.size() == pageSize);
        return seen;
    }

    /** The range of a tenant's shard partitions also holds those of a tenant whose name extends it. */
    @Test
    void aPartitionRangeListHoldsOnlyItsTenant() {
        String tenant = "rng" + UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of(tenant, tenant + "|05", tenant + "|1")) {
            for (int i = 0; i < 3; i++) {
                Instant at = NOW.minusSeconds(60L * i);
                store.create(new Ticket(UUID.randomUUID().toString(), name, "alice", "s", "d", Priority.LOW,
                        TicketStatus.OPEN, null, at, at, 1));
            }
        }
        assertThat(store.list(new TicketQuery(tenant, Optional.empty(), Optional.empty(), Optional.empty(), 50)))
                .hasSize(3).allSatisfy(ticket -> assertThat(ticket.tenant()).isEqualTo(tenant));
    }

    @Test
    void rowKeysStayWithin255BytesWhateverTheRequesterIs() {
        String tenant = "keys" + UUID.randomUUID().toString().substring(0, 8);
        String longRequester = "\u00e9".repeat(120) + "@example.com";
        String slashed = "spiffe://issuer/user#1?x";
        for (String requester : List.of(longRequester, slashed, "plain")) {
            Instant at = NOW.minusSeconds(requester.length());
            store.create(new Ticket(UUID.randomUUID().toString(), tenant, requester, "s", "d", Priority.LOW,
                    TicketStatus.OPEN, null, at, at, 1));
        }
        List<String> rowKeys = Emulators.table().listEntities(new ListEntitiesOptions()
                .setFilter("PartitionKey ge 'T|" + tenant + "|' and PartitionKey lt 'T|" + tenant + "|~'"), null, null)
                .stream().map(TableEntity::getRowKey).toList();
        assertThat(rowKeys).hasSize(12).allSatisfy(key -> assertThat(key.getBytes(StandardCharsets.UTF_8).length)
                .as(key).isLessThanOrEqualTo(255));
        assertThat(rowKeys).contains("requester|plain|" + rowKeys.stream().filter(k -> k.startsWith("requester|plain|"))
                .findFirst().orElseThrow().substring("requester|plain|".length()));
        for (String requester : List.of(longRequester, slashed, "plain")) {
            assertThat(store.list(new TicketQuery(tenant, Optional.empty(), Optional.of(requester), Optional.empty(), 10)))
                    .singleElement().extracting(Ticket::requester).isEqualTo(requester);
        }
    }

    @Test
    void aTransactionOverTwoMegabytesIsRefusedBeforeAnythingIsWritten() {
        String tenant = "big" + UUID.randomUUID().toString().substring(0, 8);
        Ticket huge = new Ticket(UUID.randomUUID().toString(), tenant, "alice", "s", "x".repeat(600_000), Priority.LOW,
                TicketStatus.OPEN, null, NOW, NOW, 1);
        assertThatThrownBy(() -> store.create(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2097152");
        assertThat(store.find(tenant, huge.id())).isEmpty();
    }
}
