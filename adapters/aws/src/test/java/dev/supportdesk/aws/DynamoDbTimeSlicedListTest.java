package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.aws.store.DynamoDbKeys;
import dev.supportdesk.aws.store.DynamoDbTicketStore;
import dev.supportdesk.tickets.ListPosition;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.ShardTiers;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketQuery;
import dev.supportdesk.tickets.TicketStatus;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** A big-tier tenant's lists over time-sliced shards on DynamoDB Local: the order of one list, few queries when busy. */
class DynamoDbTimeSlicedListTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.400Z");
    private static final Comparator<Ticket> NEWEST_FIRST =
            Comparator.comparing(Ticket::createdAt).thenComparing(Ticket::id).reversed();

    private final AtomicInteger queries = new AtomicInteger();
    private final AtomicInteger itemsRead = new AtomicInteger();
    private final Queue<String> lowerBounds = new ConcurrentLinkedQueue<>();
    private final String tenant = "busy" + UUID.randomUUID().toString().substring(0, 8);
    private final DynamoDbTicketStore store = new DynamoDbTicketStore(countingQueries(Emulators.dynamoDb()),
            Emulators.TABLE, DynamoDbKeys.tiered(ShardTiers.of(List.of(tenant))), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void pagesOfABusyTenantFollowOneNewestFirstOrderAcrossSlicesAndTheFirstReadsOneSlot() {
        List<Ticket> written = writeBusyTenant(600, 3);
        List<Ticket> open = written.stream().filter(t -> t.status() == TicketStatus.OPEN).sorted(NEWEST_FIRST).toList();

        queries.set(0);
        List<Ticket> first = store.list(query(Optional.of(TicketStatus.OPEN), Optional.empty(), 51));
        assertThat(first).containsExactlyElementsOf(open.subList(0, 51));
        // one query per shard of the slot, and one more for a shard that holds more of the page than its first read
        assertThat(queries.get()).as("the newest page sits in one slot's shards")
                .isBetween(DynamoDbKeys.SLICE_SHARDS, 2 * DynamoDbKeys.SLICE_SHARDS);

        assertThat(readAll(Optional.of(TicketStatus.OPEN), 51)).containsExactlyElementsOf(open);
        assertThat(readAll(Optional.empty(), 37)).containsExactlyElementsOf(written.stream().sorted(NEWEST_FIRST).toList());
    }

    @Test
    void aBusyTenantsPagesInsideOneSliceAreOneRoundOfOneQueryPerShardOfTheSlot() {
        // 500 tickets/s, all in the reader's slice: each page of 51 is there, spread over the slot's 4 shards by id
        Instant sliceEnd = DynamoDbKeys.sliceStart(NOW).plus(DynamoDbKeys.SLICE);
        Random ids = new Random(17);
        List<Ticket> written = new ArrayList<>();
        for (int i = 1; i <= 800; i++) {
            Instant at = sliceEnd.minusMillis(2L * i);
            Ticket ticket = new Ticket(new UUID(ids.nextLong(), ids.nextLong()).toString(), tenant, "alice", "s", "d",
                    Priority.NORMAL, TicketStatus.OPEN, null, at, at, 1);
            store.create(ticket);
            written.add(ticket);
        }
        List<Ticket> newest = written.stream().sorted(NEWEST_FIRST).toList();

        int pages = 15;
        queries.set(0);
        Optional<ListPosition> after = Optional.empty();
        for (int page = 0; page < pages; page++) {
            List<Ticket> read = store.list(query(Optional.empty(), after, 51));
            assertThat(read).containsExactlyElementsOf(newest.subList(51 * page, 51 * (page + 1)));
            after = Optional.of(new ListPosition(read.getLast().createdAt(), read.getLast().id()));
        }
        // a shard holding more of a page than its first read is asked again, after the round: at most one page in 15
        assertThat(queries.get()).as("one round of %d queries per page", DynamoDbKeys.SLICE_SHARDS)
                .isLessThanOrEqualTo(pages * DynamoDbKeys.SLICE_SHARDS + 1);
    }

    @Test
    void aPageStartingEarlyInItsSliceReadsTheSliceBeforeInTheSameRoundOnceTheListsPaceIsKnown() {
        // 500 tickets/s over three slices: a page spans about 0.1 s
        Instant sliceStart = DynamoDbKeys.sliceStart(NOW);
        Random ids = new Random(5);
        List<Ticket> written = new ArrayList<>();
        for (int i = 1; i <= 1_500; i++) {
            Instant at = sliceStart.plus(DynamoDbKeys.SLICE).minusMillis(2L * i);
            Ticket ticket = new Ticket(new UUID(ids.nextLong(), ids.nextLong()).toString(), tenant, "alice", "s", "d",
                    Priority.NORMAL, TicketStatus.OPEN, null, at, at, 1);
            store.create(ticket);
            written.add(ticket);
        }
        List<Ticket> newest = written.stream().sorted(NEWEST_FIRST).toList();
        assertThat(store.list(query(Optional.empty(), Optional.empty(), 51))).containsExactlyElementsOf(newest.subList(0, 51));

        // 0.05 s into its slice: the slice holds half the page, the slice before the rest
        Ticket top = written.stream().filter(t -> t.createdAt().equals(sliceStart.plusMillis(50))).findFirst().orElseThrow();
        int at = newest.indexOf(top);
        lowerBounds.clear();
        queries.set(0);
        assertThat(store.list(query(Optional.empty(), Optional.of(new ListPosition(top.createdAt(), top.id())), 51)))
                .containsExactlyElementsOf(newest.subList(at + 1, at + 52));
        assertThat(Set.copyOf(lowerBounds)).as("one round over both slices' slots").singleElement()
                .matches(lower -> lower.compareTo(DynamoDbKeys.sweepTime(sliceStart)) < 0, "before the slice's start");
        assertThat(queries.get()).isEqualTo(2 * DynamoDbKeys.SLICE_SHARDS);
    }

    @Test
    void aPageReachingBackOverSomeSlicesReadsTheirSlotsNotEveryShard() {
        // one ticket every 40 ms: the 0.4 s of the current slice hold 10, the page needs about one slice more
        List<Ticket> written = writeBusyTenant(300, 40);

        queries.set(0);
        List<Ticket> first = store.list(query(Optional.empty(), Optional.empty(), 51));
        assertThat(first).containsExactlyElementsOf(written.stream().sorted(NEWEST_FIRST).limit(51).toList());
        assertThat(queries.get()).as("two slots' shards, with a refill or two, not all 64 shards")
                .isBetween(2 * DynamoDbKeys.SLICE_SHARDS, 4 * DynamoDbKeys.SLICE_SHARDS);
        assertThat(readAll(Optional.empty(), 51)).containsExactlyElementsOf(written.stream().sorted(NEWEST_FIRST).toList());
    }

    @Test
    void aQuietListsNextPageReadsEveryShardInOneRoundUntilItIsBusyAgain() {
        // one ticket every 2 minutes: the slots' rounds cannot fill a page, every shard has to be read
        List<Ticket> written = writeBusyTenant(60, 120_000);
        List<Ticket> newest = written.stream().sorted(NEWEST_FIRST).limit(51).toList();
        queries.set(0);
        assertThat(store.list(query(Optional.empty(), Optional.empty(), 51))).containsExactlyElementsOf(newest);
        int first = queries.get();
        assertThat(first).as("the slots first, then every shard").isGreaterThan(DynamoDbKeys.TENANT_SHARDS);

        queries.set(0);
        assertThat(store.list(query(Optional.empty(), Optional.empty(), 51))).containsExactlyElementsOf(newest);
        assertThat(queries.get()).as("every shard at once, no slot round first").isLessThan(first)
                .isBetween(DynamoDbKeys.TENANT_SHARDS, 2 * DynamoDbKeys.TENANT_SHARDS);

        // the tenant gets busy: the page still lists the newest, and the one after reads the slots again
        List<Ticket> busy = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            Ticket ticket = ticket(NOW.minusMillis(5L * i), TicketStatus.OPEN);
            store.create(ticket);
            busy.add(ticket);
        }
        List<Ticket> all = new ArrayList<>(written);
        all.addAll(busy);
        List<Ticket> newestNow = all.stream().sorted(NEWEST_FIRST).limit(51).toList();
        assertThat(store.list(query(Optional.empty(), Optional.empty(), 51))).containsExactlyElementsOf(newestNow);
        queries.set(0);
        assertThat(store.list(query(Optional.empty(), Optional.empty(), 51))).containsExactlyElementsOf(newestNow);
        assertThat(queries.get()).as("the slots again").isLessThan(DynamoDbKeys.TENANT_SHARDS);
    }

    @Test
    void aQuietListReadsEveryShardOnlyAsFarBackAsItsPaceOnceThePaceIsKnown() {
        // one ticket every 2 minutes at random: a page spans hours, every slot holds some of it
        Random random = new Random(23);
        List<Ticket> written = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Instant at = NOW.minusSeconds(120L * i + random.nextInt(120));
            Ticket ticket = ticket(at, TicketStatus.OPEN);
            store.create(ticket);
            written.add(ticket);
        }
        List<Ticket> newest = written.stream().sorted(NEWEST_FIRST).toList();
        assertThat(store.list(query(Optional.empty(), Optional.empty(), 51))).containsExactlyElementsOf(newest.subList(0, 51));

        Ticket last = newest.get(50);
        queries.set(0);
        itemsRead.set(0);
        assertThat(store.list(query(Optional.empty(), Optional.of(new ListPosition(last.createdAt(), last.id())), 51)))
                .containsExactlyElementsOf(newest.subList(51, 102));
        // without the pace's bound each of the 64 shards would return its share's read size (6 items): 384
        assertThat(queries.get()).as("every shard, in about one round").isLessThanOrEqualTo(
                2 * DynamoDbKeys.TENANT_SHARDS);
        assertThat(itemsRead.get()).as("about the page, not every shard's share").isLessThan(2 * 51);
    }

    @Test
    void aBusyRequestersListReadsItsHashedShardsOnlyAsFarBackAsItsPace() {
        // an integration account filing 200 tickets/s: its list is GSI3's 4 hashed shards, each with a quarter
        Random random = new Random(31);
        List<Ticket> written = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Instant at = NOW.minusMillis(5L * i);
            Ticket ticket = new Ticket(new UUID(random.nextLong(), random.nextLong()).toString(), tenant, "bot", "s",
                    "d", Priority.NORMAL, TicketStatus.OPEN, null, at, at, 1);
            store.create(ticket);
            written.add(ticket);
        }
        List<Ticket> newest = written.stream().sorted(NEWEST_FIRST).toList();
        TicketQuery first = new TicketQuery(tenant, Optional.empty(), Optional.of("bot"), Optional.empty(), 51);
        assertThat(store.list(first)).containsExactlyElementsOf(newest.subList(0, 51));

        Ticket last = newest.get(50);
        queries.set(0);
        itemsRead.set(0);
        assertThat(store.list(new TicketQuery(tenant, Optional.empty(), Optional.of("bot"),
                Optional.of(new ListPosition(last.createdAt(), last.id())), 51)))
                .containsExactlyElementsOf(newest.subList(51, 102));
        // without the pace each shard returns its share's read size, 22: 88 items
        assertThat(queries.get()).as("one round over the 4 shards").isEqualTo(DynamoDbKeys.SLICE_SHARDS);
        assertThat(itemsRead.get()).as("the page and the pace's margin").isLessThanOrEqualTo(75);
    }

    @Test
    void withFewSlotsNoSlotIsReadTwiceForOnePage() {
        String few = "few" + UUID.randomUUID().toString().substring(0, 8);
        DynamoDbTicketStore twoSlots = new DynamoDbTicketStore(Emulators.dynamoDb(), Emulators.TABLE,
                new DynamoDbKeys(2 * DynamoDbKeys.SLICE_SHARDS, DynamoDbKeys.SWEEP_SHARDS, ShardTiers.of(List.of(few))),
                Clock.fixed(NOW, ZoneOffset.UTC));
        // one ticket every 120 ms: the page needs 3 earlier slices, and the two slots take turns
        List<Ticket> written = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Ticket ticket = new Ticket(UUID.randomUUID().toString(), few, "alice", "s", "d", Priority.NORMAL,
                    TicketStatus.OPEN, null, NOW.minusMillis(120L * i), NOW.minusMillis(120L * i), 1);
            twoSlots.create(ticket);
            written.add(ticket);
        }
        assertThat(twoSlots.list(new TicketQuery(few, Optional.empty(), Optional.empty(), Optional.empty(), 51)))
                .containsExactlyElementsOf(written.stream().sorted(NEWEST_FIRST).limit(51).toList());
    }

    @Test
    void aTicketStampedAfterTheReadersSliceIsListedOnceTheReadersClockGetsThere() {
        Ticket now = ticket(NOW.minusMillis(5), TicketStatus.OPEN);
        Ticket ahead = ticket(NOW.plus(DynamoDbKeys.SLICE), TicketStatus.OPEN);
        store.create(now);
        store.create(ahead);

        assertThat(store.list(query(Optional.empty(), Optional.empty(), 10))).containsExactly(now);
        DynamoDbTicketStore later = new DynamoDbTicketStore(Emulators.dynamoDb(), Emulators.TABLE,
                DynamoDbKeys.tiered(ShardTiers.of(List.of(tenant))), Clock.fixed(NOW.plus(DynamoDbKeys.SLICE), ZoneOffset.UTC));
        assertThat(later.list(query(Optional.empty(), Optional.empty(), 10))).containsExactly(ahead, now);
    }

    /** {@code count} tickets, one every {@code everyMillis} back from now: several one-second slices. */
    private List<Ticket> writeBusyTenant(int count, int everyMillis) {
        Random random = new Random(3);
        List<Ticket> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Ticket ticket = ticket(NOW.minusMillis((long) everyMillis * i),
                    random.nextInt(4) == 0 ? TicketStatus.IN_PROGRESS : TicketStatus.OPEN);
            store.create(ticket);
            written.add(ticket);
        }
        return written;
    }

    private List<Ticket> readAll(Optional<TicketStatus> status, int pageSize) {
        List<Ticket> all = new ArrayList<>();
        Optional<ListPosition> after = Optional.empty();
        while (true) {
            List<Ticket> page = store.list(new TicketQuery(tenant, status, Optional.empty(), after, pageSize));
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
            after = Optional.of(new ListPosition(page.getLast().createdAt(), page.getLast().id()));
        }
    }

    private TicketQuery query(Optional<TicketStatus> status, Optional<ListPosition> after, int fetch) {
        return new TicketQuery(tenant, status, Optional.empty(), after, fetch);
    }

    private Ticket ticket(Instant at, TicketStatus status) {
        return new Ticket(UUID.randomUUID().toString(), tenant, "alice", "s", "d", Priority.NORMAL, status, null, at, at, 1);
    }

    private DynamoDbClient countingQueries(DynamoDbClient client) {
        return (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("query")) {
                        queries.incrementAndGet();
                        AttributeValue lower = ((QueryRequest) args[0]).expressionAttributeValues().get(":lower");
                        if (lower != null) {
                            lowerBounds.add(lower.s());
                        }
                    }
                    try {
                        Object result = method.invoke(client, args);
                        if (result instanceof QueryResponse response) {
                            itemsRead.addAndGet(response.count());
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
