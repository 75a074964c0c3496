package dev.supportdesk.tickets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * A list over write-sharded partitions: every shard holds its items in the list's order, and the list is
 * the k-way merge of the shards. All shards share one total order, so the position a page ended at is
 * also where every shard resumes: the core's cursor stays one position, whatever the shard count.
 *
 * <p>Cost of a page of {@code fetch} items over {@code n} shards: one request per shard, in parallel, for
 * {@link #firstReadSize} items each; then, only for a shard whose first read ran out before the page was
 * full, one more request for everything the page may still need. Without a filter that is at most
 * {@code 2n} requests, typically {@code n} plus a few; a store whose reads filter (and so may return fewer
 * items than asked) can need more for that shard, as it does without shards.
 */
public final class ShardMerge {

    /** Reads one shard in the list's order, strictly after {@code after} (the list's own start when empty). */
    @FunctionalInterface
    public interface ShardReader<T> {
        Slice<T> read(int shard, Optional<T> after, int limit);
    }

    /** Up to {@code limit} items of a shard; {@code more} when the shard may hold further items. */
    public record Slice<T>(List<T> items, boolean more) {
        public Slice {
            items = List.copyOf(items);
        }
    }

    /** The chance of a second read {@link #hashedShareReadSize} allows a page. */
    static final double PAGE_REFILL_RISK = 0.02;

    private ShardMerge() {
    }

    /** The number of items the first, parallel read asks of each shard. */
    public static int firstReadSize(int fetch, int shards) {
        return Math.min(fetch, Math.ceilDiv(fetch, shards) + 3);
    }

    /**
     * The number of items to ask of each of {@code shards} shards that an item joins by the hash of its id, so
     * that a page of {@code fetch} needs a second read (a shard holding more of the page than its first read)
     * with a chance of at most {@link #PAGE_REFILL_RISK}: the shard's share of the page is binomial, and
     * {@link #firstReadSize}'s "fair share plus 3" runs a shard dry on about half the pages over 4 shards.
     */
    public static int hashedShareReadSize(int fetch, int shards) {
        if (shards == 1) {
            return fetch;
        }
        double p = 1.0 / shards;
        double pmf = Math.pow(1 - p, fetch);
        double atMost = pmf;
        int share = 0;
        while (share < fetch && shards * (1 - atMost) > PAGE_REFILL_RISK) {
            pmf = pmf * (fetch - share) / (share + 1) * p / (1 - p);
            share++;
            atMost += pmf;
        }
        return Math.min(fetch, share + 1);
    }

    /** The first {@code fetch} items of the merged list, in {@code order}, every shard's first read at once. */
    public static <T> List<T> merge(int shards, ShardReader<T> reader, Comparator<T> order, int fetch) {
        return merge(shards, shards, reader, order, fetch, firstReadSize(fetch, shards));
    }

    /** The first {@code fetch} items of the merged list, in {@code order}, asking {@code firstRead} of each shard first. */
    public static <T> List<T> merge(int shards, ShardReader<T> reader, Comparator<T> order, int fetch, int firstRead) {
        return merge(shards, shards, reader, order, fetch, firstRead);
    }

    /**
     * The first {@code fetch} items of the merged list, in {@code order}, with at most {@code atOnce} first reads
     * in flight: a client keeps only a few connections open for reuse, so hundreds of requests at once each open
     * (and close) one of their own.
     */
    public static <T> List<T> merge(int shards, int atOnce, ShardReader<T> reader, Comparator<T> order, int fetch) {
        return merge(shards, atOnce, reader, order, fetch, firstReadSize(fetch, shards));
    }

    private static <T> List<T> merge(int shards, int atOnce, ShardReader<T> reader, Comparator<T> order, int fetch,
                                     int firstRead) {
        if (shards == 1) {
            return reader.read(0, Optional.empty(), fetch).items();
        }
        int first = Math.min(fetch, firstRead);
        List<Slice<T>> slices = inParallel(shards, atOnce, shard -> reader.read(shard, Optional.empty(), first));
        List<ArrayDeque<T>> buffers = new ArrayList<>();
        boolean[] more = new boolean[shards];
        Optional<T>[] last = lastItems(shards);
        for (int shard = 0; shard < shards; shard++) {
            buffers.add(new ArrayDeque<>(slices.get(shard).items()));
            more[shard] = slices.get(shard).more();
            last[shard] = slices.get(shard).items().isEmpty() ? Optional.empty()
                    : Optional.of(slices.get(shard).items().getLast());
        }
        List<T> merged = new ArrayList<>(fetch);
        PriorityQueue<Integer> heads = new PriorityQueue<>(
                Comparator.comparing((Integer shard) -> buffers.get(shard).peekFirst(), order));
        for (int shard = 0; shard < shards; shard++) {
            refillIfDry(shard, buffers, more, last, reader, fetch - merged.size());
            if (!buffers.get(shard).isEmpty()) {
                heads.add(shard);
            }
        }
        while (merged.size() < fetch && !heads.isEmpty()) {
            int shard = heads.poll();
            merged.add(buffers.get(shard).pollFirst());
            refillIfDry(shard, buffers, more, last, reader, fetch - merged.size());
            if (!buffers.get(shard).isEmpty()) {
                heads.add(shard);
            }
        }
        return merged;
    }

    /** A shard whose buffer ran out while it may hold more is read on, for all the page may still need. */
    private static <T> void refillIfDry(int shard, List<ArrayDeque<T>> buffers, boolean[] more, Optional<T>[] last,
                                        ShardReader<T> reader, int needed) {
        while (buffers.get(shard).isEmpty() && more[shard] && needed > 0) {
            Slice<T> slice = reader.read(shard, last[shard], needed);
            buffers.get(shard).addAll(slice.items());
            more[shard] = slice.more();
            if (!slice.items().isEmpty()) {
                last[shard] = Optional.of(slice.items().getLast());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Optional<T>[] lastItems(int shards) {
        return new Optional[shards];
    }

    /**
     * Runs one read per shard on {@code atOnce} virtual threads, each taking the next shard until none is left,
     * and waits for all; a failed read fails the list (and the others start no further read).
     */
    private static <T> List<T> inParallel(int shards, int atOnce, IntFunction<T> read) {
        AtomicReferenceArray<T> results = new AtomicReferenceArray<>(shards);
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int worker = 0; worker < Math.min(Math.max(atOnce, 1), shards); worker++) {
                workers.add(executor.submit(() -> {
                    for (int shard = next.getAndIncrement(); shard < shards && !failed.get(); shard = next.getAndIncrement()) {
                        try {
                            results.set(shard, read.apply(shard));
                        } catch (RuntimeException | Error e) {
                            failed.set(true);
                            throw e;
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            List<T> list = new ArrayList<>(shards);
            for (int shard = 0; shard < shards; shard++) {
                list.add(results.get(shard));
            }
            return list;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading shards", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
