package dev.supportdesk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The k-way merge over shards: the merged order, resuming strictly after a position, the request bound. */
class ShardMergeTest {

    private static final Comparator<Integer> NEWEST_FIRST = Comparator.reverseOrder();

    /** Shards of integers, each sorted newest (largest) first; counts every read. */
    private static final class Shards implements ShardMerge.ShardReader<Integer> {
        final List<List<Integer>> shards = new ArrayList<>();
        final AtomicInteger reads = new AtomicInteger();
        final Optional<Integer> listAfter;

        Shards(int count, List<Integer> items, Optional<Integer> listAfter) {
            for (int i = 0; i < count; i++) {
                shards.add(new ArrayList<>());
            }
            items.forEach(item -> shards.get(dev.supportdesk.tickets.Shards.of("id" + item, count)).add(item));
            shards.forEach(shard -> shard.sort(NEWEST_FIRST));
            this.listAfter = listAfter;
        }

        @Override
        public ShardMerge.Slice<Integer> read(int shard, Optional<Integer> after, int limit) {
            reads.incrementAndGet();
            Optional<Integer> from = after.or(() -> listAfter);
            List<Integer> rest = shards.get(shard).stream().filter(i -> from.map(f -> i < f).orElse(true)).toList();
            return new ShardMerge.Slice<>(rest.subList(0, Math.min(limit, rest.size())), rest.size() > limit);
        }
    }

    private static List<Integer> items(int count, long seed) {
        Random random = new Random(seed);
        return random.ints(count, 0, 1_000_000).distinct().boxed().toList();
    }

    @Test
    void theMergeIsTheWholeListInOrderPageAfterPage() {
        List<Integer> all = items(2_000, 1);
        List<Integer> expected = all.stream().sorted(NEWEST_FIRST).toList();
        List<Integer> seen = new ArrayList<>();
        Optional<Integer> after = Optional.empty();
        List<Integer> page;
        do {
            page = ShardMerge.merge(32, new Shards(32, all, after), NEWEST_FIRST, 51);
            seen.addAll(page);
            after = page.isEmpty() ? after : Optional.of(page.getLast());
        } while (page.size() == 51);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void aPageCostsOneReadPerShardPlusAtMostOneRefillEach() {
        for (long seed = 0; seed < 50; seed++) {
            Shards shards = new Shards(32, items(5_000, seed), Optional.empty());
            assertThat(ShardMerge.merge(32, shards, NEWEST_FIRST, 51)).hasSize(51);
            assertThat(shards.reads.get()).isBetween(32, 64);
        }
    }

    @Test
    void aSkewedListStillCompletesWithinTheBound() {
        // every item in one shard: that shard is refilled once, the others are read once
        Shards shards = new Shards(16, List.of(), Optional.empty());
        for (int i = 0; i < 200; i++) {
            shards.shards.get(3).add(1_000 - i);
        }
        assertThat(ShardMerge.merge(16, shards, NEWEST_FIRST, 51)).containsExactlyElementsOf(
                shards.shards.get(3).subList(0, 51));
        assertThat(shards.reads.get()).isEqualTo(17);
    }

    @Test
    void emptyShardsAndAShortListEndTheMerge() {
        Shards shards = new Shards(8, List.of(5, 9, 1), Optional.empty());
        assertThat(ShardMerge.merge(8, shards, NEWEST_FIRST, 51)).containsExactly(9, 5, 1);
        assertThat(shards.reads.get()).isEqualTo(8);
    }

    @Test
    void aBoundedMergeReadsAFewShardsAtATimeAndMergesTheSamePage() throws Exception {
        List<Integer> all = items(2_000, 7);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        java.util.concurrent.CountDownLatch overlapped = new java.util.concurrent.CountDownLatch(3);
        Shards shards = new Shards(64, all, Optional.empty());
        ShardMerge.ShardReader<Integer> watched = (shard, after, limit) -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            overlapped.countDown();
            try {
                // the first three reads wait for each other: three in flight at once, if the bound lets them
                overlapped.await(10, java.util.concurrent.TimeUnit.SECONDS);
                return shards.read(shard, after, limit);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        };
        List<Integer> page = ShardMerge.merge(64, 3, watched, NEWEST_FIRST, 51);
        assertThat(page).containsExactlyElementsOf(all.stream().sorted(NEWEST_FIRST).limit(51).toList());
        assertThat(mostInFlight.get()).isEqualTo(3);
    }

    @Test
    void aFailedShardReadFailsTheBoundedMerge() {
        Shards shards = new Shards(16, items(200, 3), Optional.empty());
        ShardMerge.ShardReader<Integer> failing = (shard, after, limit) -> {
            if (shard == 5) {
                throw new IllegalStateException("shard 5 is down");
            }
            return shards.read(shard, after, limit);
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ShardMerge.merge(16, 2, failing, NEWEST_FIRST, 51))
                .isInstanceOf(IllegalStateException.class).hasMessage("shard 5 is down");
    }

    @Test
    void theAverageRequestCountPerPageIsCloseToTheShardCount() {
        int pages = 200;
        int reads = 0;
        for (long seed = 0; seed < pages; seed++) {
            Shards shards = new Shards(32, items(5_000, 100 + seed), Optional.empty());
            ShardMerge.merge(32, shards, NEWEST_FIRST, 51);
            reads += shards.reads.get();
        }
        assertThat((double) reads / pages).isLessThan(32 * 1.2);
    }

    @Test
    void aFirstReadSizedForTheHashedShareRarelyNeedsASecondRead() {
        for (int shards : new int[] {4, 64}) {
            int pages = 500;
            int fairShareRefills = 0;
            int hashedShareRefills = 0;
            for (long seed = 0; seed < pages; seed++) {
                List<Integer> items = items(5_000, 1_000 + seed);
                Shards fairShare = new Shards(shards, items, Optional.empty());
                ShardMerge.merge(shards, fairShare, NEWEST_FIRST, 51);
                fairShareRefills += fairShare.reads.get() > shards ? 1 : 0;
                Shards hashedShare = new Shards(shards, items, Optional.empty());
                assertThat(ShardMerge.merge(shards, hashedShare, NEWEST_FIRST, 51,
                        ShardMerge.hashedShareReadSize(51, shards))).containsExactlyElementsOf(
                        items.stream().sorted(NEWEST_FIRST).limit(51).toList());
                hashedShareRefills += hashedShare.reads.get() > shards ? 1 : 0;
            }
            assertThat(fairShareRefills).as("fair share + 3 over %d shards", shards).isGreaterThan(pages / 4);
            assertThat(hashedShareRefills).as("hashed share over %d shards", shards).isLessThan(pages / 25);
        }
    }
}
