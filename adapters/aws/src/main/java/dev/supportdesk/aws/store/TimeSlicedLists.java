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
 * ({@link DynamoDbKeys#timeSlicedShard}), so the page is read from the slot of the slice it starts in first
 * ({@link DynamoDbKeys#SLICE_SHARDS} queries): a busy tenant's page is usually all there. When that slice holds
 * too few items, the rate it shows says how many earlier slices the rest needs; up to {@link #SLICES_READ_AHEAD}
 * of them are read in one round, and only beyond that does the rest come from every shard, strictly older than
 * what was read; the next page of such a quiet list reads every shard at once, until a page shows its recent
 * slices would fill it. A first page starts at the end of the reader's current slice: a ticket stamped later by a
 * clock running ahead of this one is listed once this clock reaches its slice.
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

    /** Slices before the first one a list reads in one round before it reads every shard. */
    static final int SLICES_READ_AHEAD = 3;

    /** How many quiet lists {@link #quietLists} remembers before it starts over. */
    private static final int QUIET_LISTS_KEPT = 10_000;

    /**
     * Lists (by their first partition) whose last page needed every shard: a big-tier tenant writing too slowly
     * for its slots. Their next page reads every shard in one round, skipping the slots'. A hint only: a page is
     * the same whichever way it is read.
     */
    private final Map<String, Boolean> quietLists = new ConcurrentHashMap<>();

    private final Clock clock;

    TimeSlicedLists(Clock clock) {
        this.clock = clock;
    }

    /** A page of the time-sliced list {@code where}, newest first, read through {@code reader}. */
    List<Ticket> page(DynamoDbKeys.ListIndex where, TicketQuery query, RangeReader reader) {
        List<Integer> everyShard = IntStream.range(0, where.partitions().size()).boxed().toList();
        Optional<String> after = query.after().map(position -> DynamoDbKeys.sortKey(position.createdAt(), position.id()));
        Instant top = query.after().map(ListPosition::createdAt).orElseGet(clock::instant);
        Instant sliceStart = DynamoDbKeys.sliceStart(top);
        Optional<String> upper = after.or(() -> Optional.of(DynamoDbKeys.sweepTime(sliceStart.plus(DynamoDbKeys.SLICE))));
        String list = where.partitions().getFirst();
        if (quietLists.containsKey(list)) {
            // the slots' rounds could not fill this list's last page: every shard at once, one round
            List<Ticket> page = reader.read(everyShard, Optional.empty(), upper, query.fetch(),
                    ShardMerge.hashedShareReadSize(query.fetch(), everyShard.size()));
            Instant recent = sliceStart.minus(DynamoDbKeys.SLICE.multipliedBy(SLICES_READ_AHEAD));
            if (page.stream().filter(t -> !t.createdAt().isBefore(recent)).count() >= query.fetch()) {
                quietLists.remove(list);
            }
            return page;
        }
        List<Ticket> page = new ArrayList<>(reader.read(DynamoDbKeys.slicePartitions(where, top),
                Optional.of(DynamoDbKeys.sweepTime(sliceStart)), upper, query.fetch(), slotReadSize(query.fetch())));
        Instant readFrom = sliceStart;
        int earlierSlices = earlierSlicesNeeded(page.size(), query.fetch(), Duration.between(sliceStart, top));
        // an earlier slice in the same slot as one already read would be read twice
        int slots = where.partitions().size() / DynamoDbKeys.SLICE_SHARDS;
        if (page.size() < query.fetch() && earlierSlices <= Math.min(SLICES_READ_AHEAD, slots - 1)) {
            Instant from = sliceStart.minus(DynamoDbKeys.SLICE.multipliedBy(earlierSlices));
            List<Integer> earlierShards = new ArrayList<>();
            for (Instant slice = from; slice.isBefore(sliceStart); slice = slice.plus(DynamoDbKeys.SLICE)) {
                earlierShards.addAll(DynamoDbKeys.slicePartitions(where, slice));
            }
            int rest = query.fetch() - page.size();
            // the newest of these slices may hold all the rest: each slot is sized as if it did
            page.addAll(reader.read(earlierShards, Optional.of(DynamoDbKeys.sweepTime(from)),
                    Optional.of(DynamoDbKeys.sweepTime(readFrom)), rest, slotReadSize(rest)));
            readFrom = from;
        }
        if (page.size() < query.fetch()) {
            int rest = query.fetch() - page.size();
            page.addAll(reader.read(everyShard, Optional.empty(), Optional.of(DynamoDbKeys.sweepTime(readFrom)),
                    rest, ShardMerge.hashedShareReadSize(rest, everyShard.size())));
            // a page cut short is the list's end, not a slow tenant
            if (page.size() == query.fetch()) {
                if (quietLists.size() >= QUIET_LISTS_KEPT) {
                    quietLists.clear();
                }
                quietLists.put(list, Boolean.TRUE);
            }
        }
        return page;
    }

    /** What each shard of a slot is asked first: a slot's items are spread over its shards by the hash of their id. */
    private static int slotReadSize(int fetch) {
        return ShardMerge.hashedShareReadSize(fetch, DynamoDbKeys.SLICE_SHARDS);
    }

    /**
     * How many slices before the first one a page still needs at the rate the first one showed ({@code found}
     * items in {@code covered}); more than {@link #SLICES_READ_AHEAD} when it showed none.
     */
    private static int earlierSlicesNeeded(int found, int fetch, Duration covered) {
        if (found == 0) {
            return SLICES_READ_AHEAD + 1;
        }
        double perSlice = found * (double) DynamoDbKeys.SLICE.toMillis() / Math.max(1, covered.toMillis());
        return (int) Math.ceil((fetch - found) / perSlice);
    }
}
