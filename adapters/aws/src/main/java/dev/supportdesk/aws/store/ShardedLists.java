package dev.supportdesk.aws.store;

import dev.supportdesk.tickets.ListPosition;
import dev.supportdesk.tickets.ShardMerge;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Which shards a page of a sharded tenant's list reads, and in which rounds. A hashed list (GSI3, a big-tier
 * requester's) reads every shard, bounded to its pace when that is known (below). A GSI1-2 list's shards are time-sliced
 * ({@link DynamoDbKeys#timeSlicedShard}): everything created during one slice sits in one slot's shards (4 in
 * the big tier, 1 in the middle tier), so a busy tenant's page is in the slots of the last slice or two.
 *
 * <p>Each round reads the slots of the slices that overlap a span of time, bounded to that time by key
 * conditions. The store instance remembers, per list, the time its last full page spanned (its pace); a page's
 * first round reads back from its start by the pace with a margin, which is one slot for a busy tenant's page
 * inside its slice, two when the page starts early in its slice, and only about the page's items. Without a pace
 * (the first page of a list in this instance) the first round is the slice the page starts in. When a round falls
 * short, the rate it showed says how far back the rest lies, and the next round reads that. A list whose rounds
 * would reach back more than {@link #SLICES_READ_AHEAD} slices before the one it starts in (a tenant writing too
 * slowly for its tier's slots) reads every shard, in one round bounded to its pace when that is known. The pace is
 * a hint: a page is the same whichever way it is read.
 *
 * <p>A first page starts at the end of the reader's current slice: a ticket stamped later by a clock running
 * ahead of this one is listed once this clock reaches its slice.
 */
final class ShardedLists {

    /**
     * Reads the first {@code fetch} items of some shards of a list, with sort keys in [{@code lower}, {@code upper}),
     * asking {@code firstRead} items of each shard first.
     */
    @FunctionalInterface
    interface RangeReader {
        List<Ticket> read(List<Integer> shards, Optional<String> lower, Optional<String> upper, int fetch, int firstRead);
    }

    /** Slices before the one a page starts in that slot rounds read back to; beyond, every shard is read. */
    static final int SLICES_READ_AHEAD = 3;

    /** How many lists {@link #paces} remembers before it starts over. */
    private static final int PACES_KEPT = 10_000;

    /**
     * How much further back than its list's pace a page's first round reads: 51 items arriving at random at a
     * steady rate span their mean time ± 14 % (one standard deviation), and the pace is one such span.
     */
    private static final double PACE_MARGIN = 1.2;

    /** The time from the newest to the oldest item of each list's last full page, by the list's first partition. */
    private final Map<String, Duration> paces = new ConcurrentHashMap<>();

    private final Clock clock;

    ShardedLists(Clock clock) {
        this.clock = clock;
    }

    /** A page of the sharded list {@code where}, newest first, read through {@code reader}. */
    List<Ticket> page(DynamoDbKeys.ListIndex where, TicketQuery query, RangeReader reader) {
        Optional<String> after = query.after().map(position -> DynamoDbKeys.sortKey(position.createdAt(), position.id()));
        Instant top = query.after().map(ListPosition::createdAt).orElseGet(clock::instant);
        String list = where.partitions().getFirst();
        Optional<Instant> reach = Optional.ofNullable(paces.get(list)).map(pace -> top.minus(withMargin(pace)));
        List<Ticket> page = new ArrayList<>();
        if (where.sliced()) {
            slicedPage(where, query.fetch(), reader, after, top, reach, page);
        } else {
            everyShard(where, reader, page, query.fetch(), reach, after);
        }
        // a page cut short is the list's end, not its pace
        if (page.size() == query.fetch()) {
            remember(list, Duration.between(page.getLast().createdAt(), page.getFirst().createdAt()));
        }
        return page;
    }

    /** Reads {@code page} of a time-sliced list: the slots' rounds, then every shard if they fell short. */
    private static void slicedPage(DynamoDbKeys.ListIndex where, int fetch, RangeReader reader, Optional<String> after,
                                   Instant top, Optional<Instant> reach, List<Ticket> page) {
        Instant sliceStart = DynamoDbKeys.sliceStart(top);
        Optional<String> upper = after.or(() -> Optional.of(DynamoDbKeys.sweepTime(sliceStart.plus(DynamoDbKeys.SLICE))));
        // beyond this, slot rounds would read most slots anyway
        Instant earliest = sliceStart.minus(DynamoDbKeys.SLICE.multipliedBy(
                Math.min(SLICES_READ_AHEAD, where.slots() - 1)));
        Optional<String> below = upper;
        Optional<Instant> from = Optional.of(reach.orElse(sliceStart)).filter(time -> !time.isBefore(earliest));
        Instant readTo = sliceStart.plus(DynamoDbKeys.SLICE);
        for (int round = 0; round <= SLICES_READ_AHEAD && from.isPresent() && page.size() < fetch; round++) {
            int rest = fetch - page.size();
            page.addAll(reader.read(slotsOf(where, from.get(), readTo), Optional.of(DynamoDbKeys.sweepTime(from.get())),
                    below, rest, slotReadSize(rest, where)));
            readTo = from.get();
            below = Optional.of(DynamoDbKeys.sweepTime(readTo));
            Instant newest = page.isEmpty() || page.getFirst().createdAt().isBefore(top) ? top : page.getFirst().createdAt();
            from = restStartsAt(page.size(), fetch, newest, readTo, sliceStart)
                    .filter(time -> !time.isBefore(earliest));
        }
        if (page.size() < fetch) {
            // a list too slow for its slots
            Instant readFrom = readTo;
            everyShard(where, reader, page, fetch, reach.filter(time -> time.isBefore(readFrom)), below);
        }
    }

    /**
     * Adds to {@code page} the rest of its {@code fetch} items from every shard, strictly below {@code below}: first
     * only as far back as the list's pace says the page reaches ({@code reach}), then, if that fell short, on.
     */
    private static void everyShard(DynamoDbKeys.ListIndex where, RangeReader reader, List<Ticket> page, int fetch,
                                   Optional<Instant> reach, Optional<String> below) {
        List<Integer> shards = IntStream.range(0, where.partitions().size()).boxed().toList();
        Optional<String> upper = below;
        if (reach.isPresent()) {
            int rest = fetch - page.size();
            page.addAll(reader.read(shards, Optional.of(DynamoDbKeys.sweepTime(reach.get())), upper, rest,
                    ShardMerge.hashedShareReadSize(rest, shards.size())));
            upper = Optional.of(DynamoDbKeys.sweepTime(reach.get()));
        }
        if (page.size() < fetch) {
            int rest = fetch - page.size();
            page.addAll(reader.read(shards, Optional.empty(), upper, rest, ShardMerge.hashedShareReadSize(rest, shards.size())));
        }
    }

    /**
     * Where the next slot round starts when the time from {@code readTo} up to {@code newest} held {@code found}
     * items of a page of {@code fetch}: back by the time the rest needs at that rate, with a margin; the rest of
     * the reader's slice first when that time held none; empty (every shard) when even the slice held none.
     */
    private static Optional<Instant> restStartsAt(int found, int fetch, Instant newest, Instant readTo,
                                                  Instant sliceStart) {
        if (found == 0) {
            return readTo.isAfter(sliceStart) ? Optional.of(sliceStart) : Optional.empty();
        }
        long covered = Math.max(1, Duration.between(readTo, newest).toMillis());
        return Optional.of(readTo.minus(withMargin(Duration.ofMillis(covered * (fetch - found) / found))));
    }

    private static Duration withMargin(Duration pace) {
        return Duration.ofMillis((long) Math.ceil(Math.max(1, pace.toMillis()) * PACE_MARGIN));
    }

    /** The shards of the slots of every slice that overlaps [{@code from}, {@code until}), each slot once. */
    private static List<Integer> slotsOf(DynamoDbKeys.ListIndex where, Instant from, Instant until) {
        Set<Integer> shards = new LinkedHashSet<>();
        for (Instant slice = DynamoDbKeys.sliceStart(from); slice.isBefore(until); slice = slice.plus(DynamoDbKeys.SLICE)) {
            shards.addAll(DynamoDbKeys.slicePartitions(where, slice));
        }
        return List.copyOf(shards);
    }

    private void remember(String list, Duration pace) {
        if (paces.size() >= PACES_KEPT && !paces.containsKey(list)) {
            paces.clear();
        }
        paces.put(list, pace);
    }

    /** What each shard of a slot is asked first: a slot's items are spread over its shards by the hash of their id. */
    private static int slotReadSize(int fetch, DynamoDbKeys.ListIndex where) {
        return ShardMerge.hashedShareReadSize(fetch, where.slotShards());
    }
}
