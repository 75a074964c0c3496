package dev.supportdesk.aws.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * How many GSI4 partitions each sweep bucket spreads its entries over. A sweep reads every shard of its
 * bucket, one query each, so a bucket gets the shards its share of the writes needs and no more.
 *
 * <p>{@link #BY_WRITES} is sized for issue 17's design rate, 100,000 ticket writes/s over 1,000 tenants: the
 * partition simulator ({@code benchmarks/scale}) measures each bucket's busiest second, and a bucket gets one
 * shard per {@link #WCU_PER_SHARD} of it. Hashing does not fill shards evenly (the hottest of a bucket's shards
 * runs a few standard deviations above their mean), so the mean stays at 35 % for the hottest to stay under
 * 50 % of a partition's 1,000 WCU/s (30 % for {@code A#PROCESSING}, whose entries leave with the 4 KB write of
 * the OCR text: fewer, bigger units spread less evenly). docs/scale.md has the figures.
 *
 * <p>A deployment that never sees the design rate sizes its sweeps for its own ({@link #forRate}, the setting
 * {@code SUPPORTDESK_SWEEP_WRITE_RATE}): every count scales with the rate, so a find-due step reads fewer
 * shards.
 *
 * <p>Shard {@code i} is {@code SWEEP#bucket#iii} whatever the count, so a reader of {@code n} shards also
 * reads every shard of a smaller count: raising a bucket's count needs no migration; lowering one moves its
 * entries with the key backfill.
 */
public final class SweepShards {

    /** Shards of every bucket from the sharding of 2026-11 until they were sized per bucket; an unknown bucket's. */
    public static final int MOST = 256;
    /** A bucket's busiest-second write units one shard is sized for: 35 % of a partition's limit. */
    static final int WCU_PER_SHARD = 350;
    /** The system-wide ticket writes a second {@link #BY_WRITES} is sized for: issue 17's design rate. */
    public static final int DESIGN_WRITE_RATE = 100_000;
    /** The most shards a bucket may have: shard numbers have three digits. */
    public static final int MAX_SHARDS = 1000;

    /** The design rate's counts: busiest second at 100k writes/s (simulator, 2026-11-29) divided by {@link #WCU_PER_SHARD}. */
    public static final SweepShards BY_WRITES = new SweepShards(Map.ofEntries(
            Map.entry("T#OPEN#LOW", 96),              // 33,531 WCU/s
            Map.entry("T#OPEN#NORMAL", 160),          // 55,963
            Map.entry("T#OPEN#HIGH", 48),             // 16,649
            Map.entry("T#OPEN#URGENT", 16),           //  5,552
            Map.entry("T#IN_PROGRESS#LOW", 19),       //  6,485
            Map.entry("T#IN_PROGRESS#NORMAL", 30),    // 10,471
            Map.entry("T#IN_PROGRESS#HIGH", 9),       //  3,082
            Map.entry("T#IN_PROGRESS#URGENT", 3),     //  1,045
            Map.entry("T#RESOLVED#LOW", 3),           //    916
            Map.entry("T#RESOLVED#NORMAL", 5),        //  1,711
            Map.entry("T#RESOLVED#HIGH", 2),          //    545
            Map.entry("T#RESOLVED#URGENT", 1),        //    138
            Map.entry("A#PENDING", 44),               // 15,081
            Map.entry("A#PROCESSING", 128)),          // 37,742, at 300 per shard: half its units are 4 KB removals
            MOST, true);

    /** One partition per bucket, {@code SWEEP#bucket}: the layout before sharding. */
    public static final SweepShards UNSHARDED = new SweepShards(Map.of(), 1, false);

    private final Map<String, Integer> counts;
    private final int otherwise;
    private final boolean suffixed;

    private SweepShards(Map<String, Integer> counts, int otherwise, boolean suffixed) {
        this.counts = Map.copyOf(counts);
        this.otherwise = otherwise;
        this.suffixed = suffixed;
    }

    /**
     * {@link #BY_WRITES} scaled to {@code writesPerSecond} system-wide ticket writes: each bucket's count times
     * {@code writesPerSecond / DESIGN_WRITE_RATE}, rounded up, at least 1 and at most {@link #MAX_SHARDS}. Names
     * stay suffixed even for one shard, so raising the rate later needs no migration.
     */
    public static SweepShards forRate(int writesPerSecond) {
        if (writesPerSecond < 1) {
            throw new IllegalArgumentException("a sweep write rate is at least 1 write a second, not " + writesPerSecond);
        }
        Map<String, Integer> counts = new HashMap<>();
        BY_WRITES.counts.forEach((bucket, count) -> counts.put(bucket, scaled(count, writesPerSecond)));
        return new SweepShards(counts, scaled(BY_WRITES.otherwise, writesPerSecond), true);
    }

    private static int scaled(int designCount, int writesPerSecond) {
        long ceiling = Math.ceilDiv((long) designCount * writesPerSecond, DESIGN_WRITE_RATE);
        return Math.clamp(ceiling, 1, MAX_SHARDS);
    }

    /** Every bucket on {@code count} shards (1: {@link #UNSHARDED}). */
    public static SweepShards uniform(int count) {
        if (count < 1 || count > MAX_SHARDS) {
            throw new IllegalArgumentException("a sweep bucket has 1 to " + MAX_SHARDS + " shards, not " + count);
        }
        return count == 1 ? UNSHARDED : new SweepShards(Map.of(), count, true);
    }

    /** The shards of {@code bucket}. */
    public int of(String bucket) {
        return counts.getOrDefault(bucket, otherwise);
    }

    /** The buckets with a count of their own; any other bucket has {@link #of}'s default. */
    public Set<String> buckets() {
        return counts.keySet();
    }

    /** The partition key of {@code bucket}'s shard {@code shard}. */
    public String partition(String bucket, int shard) {
        return suffixed ? "SWEEP#" + bucket + "#" + DynamoDbKeys.zeroPadded(shard, 3) : "SWEEP#" + bucket;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SweepShards that && counts.equals(that.counts) && otherwise == that.otherwise
                && suffixed == that.suffixed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(counts, otherwise, suffixed);
    }

    @Override
    public String toString() {
        return "SweepShards" + new TreeMap<>(counts) + ", otherwise " + otherwise + (suffixed ? "" : ", unsuffixed");
    }
}
