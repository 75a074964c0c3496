package dev.supportdesk.aws.store;

import dev.supportdesk.tickets.ListPosition;
import dev.supportdesk.tickets.ShardMerge;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Which shards a page of a big-tier tenant's GSI1-2 list reads, and in which rounds. The shards are time-sliced
 * ({@link DynamoDbKeys#timeSlicedShard}): everything created during one slice sits in one slot's
 * {@link DynamoDbKeys#SLICE_SHARDS} shards, so a busy tenant's page is in the slots of the last slice or two.
 *
 * <p>The store instance remembers, per list, the time its last full page spanned (its pace). A page
 * reads, in one round, the slots of every slice its pace says it reaches: the slice it starts in and, when the
 * page is likely to start early in it, the one or few before. A list whose pace reaches back beyond
 * {@link #SLICES_READ_AHEAD} slices (a big-tier tenant writing too slowly for its slots) reads every shard at
 * once. Without a pace (the first page of a list in this instance), or when the round falls short, the rate the
 * round showed says how many earlier slices the rest needs; up to {@link #SLICES_READ_AHEAD} of them are read in
 * one more round, and only beyond that does the rest come from every shard, strictly older than what was read.
 * The pace is a hint: a page is the same whichever way it is read.
 *
 * <p>A first page starts at the end of the reader's current slice: a ticket stamped later by a clock running
 * ahead of this one is listed once this clock reaches its slice.
 */
final class TimeSlicedLists {

    /**
     * Reads the first {@code fetch} items of some shards of a list, with sort keys in [{@code lower}, {@code upper}),
     * asking {@code firstRead} items of each shard first.
     */
    @FunctionalInterface
    interface RangeReader {
        List<Ticket> read(List<Integer> shards, Optional<String> lower, Optional<String> upper, int fetch, int firstRead);
    }

    /** Slices before the first one a list reads in slot rounds before it reads every shard. */
    static final int SLICES_READ_AHEAD = 3;

    /** How many lists {@link #paces} remembers before it starts over. */
    private static final int PACES_KEPT = 10_000;

    /** A page's reach is its last page's times this: a list's pace varies from page to page. */
    private static final double PACE_MARGIN = 1.25;

    /** The time from the newest to the oldest item of each list's last full page, by the list's first partition. */
    private final Map<String, Duration> paces = new ConcurrentHashMap<>();

    private final Clock clock;

    TimeSlicedLists(Clock clock) {
        this.clock = clock;
    }

    /** A page of the time-sliced list {@code where}, newest first, read through {@code reader}. */
    List<Ticket> page(DynamoDbKeys.ListIndex where, TicketQuery query, RangeReader reader) {
        Optional<String> after = query.after().map(position -> DynamoDbKeys.sortKey(position.createdAt(), position.id()));
        Instant top = query.after().map(ListPosition::createdAt).orElseGet(clock::instant);
        Instant sliceStart = DynamoDbKeys.sliceStart(top);
        Optional<String> upper = after.or(() -> Optional.of(DynamoDbKeys.sweepTime(sliceStart.plus(DynamoDbKeys.SLICE))));
        String list = where.partitions().getFirst();
        // an earlier slice in the same slot as one already read would be read twice
        int slicesReachable = Math.min(SLICES_READ_AHEAD, where.partitions().size() / DynamoDbKeys.SLICE_SHARDS - 1);
        int earlier = Optional.ofNullable(paces.get(list))
                .map(pace -> slicesBefore(sliceStart, top.minusMillis((long) (pace.toMillis() * PACE_MARGIN))))
                .orElse(0);
        List<Ticket> page;
        if (earlier > slicesReachable) {
            page = everyShard(where, reader, upper, query.fetch());
        } else {
            page = new ArrayList<>();
            Instant readFrom = sliceStart.plus(DynamoDbKeys.SLICE);
            Optional<String> below = upper;
            int rest = slicesReachable - earlier;
            int slices = earlier + 1;
            while (page.size() < query.fetch() && slices > 0) {
                Instant from = readFrom.minus(DynamoDbKeys.SLICE.multipliedBy(slices));
                page.addAll(reader.read(slotsOf(where, from, readFrom), Optional.of(DynamoDbKeys.sweepTime(from)), below,
                        query.fetch() - page.size(), slotReadSize(query.fetch() - page.size())));
                readFrom = from;
                below = Optional.of(DynamoDbKeys.sweepTime(from));
                slices = earlierSlicesNeeded(page.size(), query.fetch(), Duration.between(from, top));
                slices = slices <= rest ? slices : 0;
                rest -= slices;
            }
            if (page.size() < query.fetch()) {
                page.addAll(everyShard(where, reader, below, query.fetch() - page.size()));
            }
        }
        // a page cut short is the list's end, not its pace
        if (page.size() == query.fetch()) {
            remember(list, Duration.between(page.getLast().createdAt(), page.getFirst().createdAt()));
        }
        return page;
    }

    private static List<Ticket> everyShard(DynamoDbKeys.ListIndex where, RangeReader reader, Optional<String> upper,
                                           int fetch) {
        int shards = where.partitions().size();
        return reader.read(IntStream.range(0, shards).boxed().toList(), Optional.empty(), upper, fetch,
                ShardMerge.hashedShareReadSize(fetch, shards));
    }

    /** The shards of the slots of every slice from the one starting at {@code from} up to {@code until}. */
    private static List<Integer> slotsOf(DynamoDbKeys.ListIndex where, Instant from, Instant until) {
        List<Integer> shards = new ArrayList<>();
        for (Instant slice = from; slice.isBefore(until); slice = slice.plus(DynamoDbKeys.SLICE)) {
            shards.addAll(DynamoDbKeys.slicePartitions(where, slice));
        }
        return shards;
    }

    /** How many slices before the one starting at {@code sliceStart} a page reaching back to {@code reach} spans. */
    private static int slicesBefore(Instant sliceStart, Instant reach) {
        return reach.isBefore(sliceStart)
                ? (int) Math.min(Integer.MAX_VALUE, Math.ceilDiv(Duration.between(reach, sliceStart).toMillis(),
                        DynamoDbKeys.SLICE.toMillis()))
                : 0;
    }

    private void remember(String list, Duration pace) {
        if (paces.size() >= PACES_KEPT && !paces.containsKey(list)) {
            paces.clear();
        }
        paces.put(list, pace);
    }

    /** What each shard of a slot is asked first: a slot's items are spread over its shards by the hash of their id. */
    private static int slotReadSize(int fetch) {
        return ShardMerge.hashedShareReadSize(fetch, DynamoDbKeys.SLICE_SHARDS);
    }

    /**
     * How many slices before those read a page still needs at the rate they showed ({@code found} items in
     * {@code covered}); more than {@link #SLICES_READ_AHEAD} when they showed none.
     */
    private static int earlierSlicesNeeded(int found, int fetch, Duration covered) {
        if (found == 0) {
            return SLICES_READ_AHEAD + 1;
        }
        double perSlice = found * (double) DynamoDbKeys.SLICE.toMillis() / Math.max(1, covered.toMillis());
        return (int) Math.ceil((fetch - found) / perSlice);
    }
}
