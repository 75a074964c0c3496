package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.aws.store.DynamoDbKeys;
import dev.supportdesk.aws.store.DynamoDbTicketStore;
import dev.supportdesk.aws.store.SweepShards;
import dev.supportdesk.contract.TicketStoreContract;
import dev.supportdesk.tickets.ListPosition;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.ShardTiers;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketQuery;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The store contract on DynamoDB Local for the middle tier (a tenant writing hundreds of tickets a second): GSI1-2
 * time-sliced over 16 slots of one shard each, requester lists on one partition.
 */
class DynamoDbMiddleTierTicketStoreTest extends TicketStoreContract {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:01.500Z");
    private static final Comparator<Ticket> NEWEST_FIRST =
            Comparator.comparing(Ticket::createdAt).thenComparing(Ticket::id).reversed();

    private final AtomicInteger queries = new AtomicInteger();
    private final DynamoDbTicketStore store = new DynamoDbTicketStore(countingQueries(Emulators.dynamoDb()),
            Emulators.TABLE, new DynamoDbKeys(DynamoDbKeys.TENANT_SHARDS, SweepShards.BY_WRITES,
            ShardTiers.everyTenantIn(ShardTiers.Tier.MIDDLE)), Clock.fixed(NOW, ZoneOffset.UTC));

    @Override
    protected TicketStore store() {
        return store;
    }

    @Test
    void aMiddleTierTicketIsIndexedInTheSlotOfItsSliceAloneAndByRequesterUnsharded() {
        String tenant = "middle" + UUID.randomUUID().toString().substring(0, 8);
        Ticket ticket = ticket(tenant, NOW);
        store.create(ticket);
        Map<String, AttributeValue> item = Emulators.dynamoDb().getItem(b -> b.tableName(Emulators.TABLE).key(Map.of(
                "PK", AttributeValue.fromS("T#" + tenant + "#" + ticket.id()),
                "SK", AttributeValue.fromS("TICKET")))).item();
        // 16 slots of one shard: the shard is the slot of the creation time's 2-second slice
        String slot = String.format("%02d", NOW.getEpochSecond() / 2 % 16);
        assertThat(item.get("GSI1PK").s()).isEqualTo("TENANT#" + tenant + "#" + slot);
        assertThat(item.get("GSI2PK").s()).isEqualTo("TENANT#" + tenant + "#S#OPEN#" + slot);
        assertThat(item.get("GSI3PK").s()).isEqualTo("TENANT#" + tenant + "#R#alice");
    }

    @Test
    void aPageInsideTheReadersSliceIsOneQueryAndAPageReachingBackReadsOnlyTheSlotsItSpans() {
        // 20 tickets/s, the middle tier's floor: the reader's slice holds 30, the page reaches two slices back
        String tenant = "middle" + UUID.randomUUID().toString().substring(0, 8);
        Random ids = new Random(11);
        List<Ticket> written = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Ticket ticket = new Ticket(new UUID(ids.nextLong(), ids.nextLong()).toString(), tenant, "alice", "s", "d",
                    Priority.NORMAL, TicketStatus.OPEN, null, NOW.minusMillis(50L * i), NOW.minusMillis(50L * i), 1);
            store.create(ticket);
            written.add(ticket);
        }
        List<Ticket> newest = written.stream().sorted(NEWEST_FIRST).toList();

        queries.set(0);
        assertThat(store.list(new TicketQuery(tenant, Optional.empty(), Optional.empty(), Optional.empty(), 20)))
                .containsExactlyElementsOf(newest.subList(0, 20));
        assertThat(queries.get()).as("the reader's slot alone").isEqualTo(1);

        queries.set(0);
        List<Ticket> page = store.list(new TicketQuery(tenant, Optional.empty(), Optional.empty(), Optional.empty(), 51));
        assertThat(page).containsExactlyElementsOf(newest.subList(0, 51));
        assertThat(queries.get()).as("the slots of the slices the page spans, not all 16").isBetween(2, 4);

        // once the list's pace is known, a page further down is one round over the slots it spans
        Ticket last = page.getLast();
        queries.set(0);
        assertThat(store.list(new TicketQuery(tenant, Optional.empty(), Optional.empty(),
                Optional.of(new ListPosition(last.createdAt(), last.id())), 51)))
                .containsExactlyElementsOf(newest.subList(51, 102));
        assertThat(queries.get()).isBetween(2, 4);
    }

    private static Ticket ticket(String tenant, Instant at) {
        return new Ticket(UUID.randomUUID().toString(), tenant, "alice", "s", "d", Priority.NORMAL, TicketStatus.OPEN,
                null, at, at, 1);
    }

    private DynamoDbClient countingQueries(DynamoDbClient client) {
        return (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("query")) {
                        queries.incrementAndGet();
                    }
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
