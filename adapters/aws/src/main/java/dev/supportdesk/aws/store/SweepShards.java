package dev.supportdesk.aws.store;

import java.util.Map;

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
 * <p>Shard {@code i} is {@code SWEEP#bucket#iii} whatever the count, so a reader of {@code n} shards also
 * reads every shard of a smaller count: raising a bucket's count needs no migration; lowering one moves its
 * entries with the key backfill.
 */
public final class SweepShards {

    /** Shards of every bucket from the sharding of 2026-11 until they were sized per bucket; an unknown bucket's. */
    public static final int MOST = 256;
    /** A bucket's busiest-second write units one shard is sized for: 35 % of a partition's limit. */
    static final int WCU_PER_SHARD = 350;

    /** Production's counts: busiest second at 100k writes/s (simulator, 2026-11-29) divided by {@link #WCU_PER_SHARD}. */
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

    /** Every bucket on {@code count} shards (1: {@link #UNSHARDED}). */
    public static SweepShards uniform(int count) {
        if (count < 1 || count > 1000) {
            throw new IllegalArgumentException("a sweep bucket has 1 to 1000 shards, not " + count);
        }
        return count == 1 ? UNSHARDED : new SweepShards(Map.of(), count, true);
    }

    /** The shards of {@code bucket}. */
    public int of(String bucket) {
        return counts.getOrDefault(bucket, otherwise);
    }

    /** The partition key of {@code bucket}'s shard {@code shard}. */
    public String partition(String bucket, int shard) {
        return suffixed ? "SWEEP#" + bucket + "#" + DynamoDbKeys.zeroPadded(shard, 3) : "SWEEP#" + bucket;
    }
}
