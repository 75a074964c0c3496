package dev.supportdesk.aws.store;

import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.ShardTiers;
import dev.supportdesk.tickets.Shards;
import dev.supportdesk.tickets.SweepEntry;
import dev.supportdesk.tickets.SweepKey;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Where {@link DynamoDbTicketStore} puts every item and index entry: pure functions of the item, shared
 * with the partition simulator ({@code benchmarks/scale}) so that what it measures is what the store writes.
 *
 * <p>Table: the partition {@code T#tenant#ticketId} holds a ticket ({@code SK=TICKET}), its responses and
 * attachments. Indexes, each sorted by {@code createdAt#id} (GSI1-3) or {@code time#tenant#ticketId[#attachmentId]}
 * (GSI4), with partition keys write-sharded: {@code #NN} is the ticket's {@link #timeSlicedShard time-sliced shard}
 * (GSI1-2) among {@link #tenantShards}, {@link Shards#of} the ticket's id among {@link #SLICE_SHARDS} (GSI3: a
 * requester's tickets come slowly, so the few shards only spread a busy integration account) or the item's identity
 * among its sweep bucket's {@link SweepShards} (GSI4). Only tenants of the big tier ({@link ShardTiers}) shard
 * GSI1-3; the middle tier shards GSI1-2 over one shard per slot ({@code tenantShards / SLICE_SHARDS}); every other
 * tenant keeps one partition per list, without suffix (the layout before sharding), so its lists are one query. Sweeps span all tenants and are always sharded.
 * {@link #UNSHARDED} (one shard each, no suffix) is the layout before sharding, kept for the simulator's
 * "before" and the backfill's tests; {@link #SHARDED} shards every tenant.
 *
 * <ul>
 *   <li>GSI1 {@code TENANT#tenant#NN}: a tenant's tickets, {@code NN} time-sliced;
 *   <li>GSI2 {@code TENANT#tenant#S#status#NN}: by status, {@code NN} time-sliced;
 *   <li>GSI3 {@code TENANT#tenant#R#requester#NN}: by requester, {@code NN} hashed;
 *   <li>GSI4 {@code SWEEP#bucket#NNN}: sparse, the workflow's sweeps across tenants (see {@link SweepKey}), each
 *       bucket on the shards its share of the writes needs ({@link SweepShards}).
 * </ul>
 */
public final class DynamoDbKeys {

    /** Shards of each tenant index partition; see docs/scale.md for the figures behind it. */
    public static final int TENANT_SHARDS = 64;
    /** Big-tier GSI1-2 shards that take one time slice's new tickets, side by side (hash of the id); the middle tier has 1. */
    public static final int SLICE_SHARDS = 4;
    /** How long one time slice of GSI1-2 lasts; slices take turns over {@code tenantShards / SLICE_SHARDS} slots. */
    public static final Duration SLICE = Duration.ofSeconds(2);
    /** Shards of every sweep bucket before they were sized per bucket ({@link SweepShards#BY_WRITES}). */
    public static final int SWEEP_SHARDS = SweepShards.MOST;

    public static final DynamoDbKeys SHARDED = new DynamoDbKeys(TENANT_SHARDS, SweepShards.BY_WRITES, ShardTiers.everyTenant());
    public static final DynamoDbKeys UNSHARDED = new DynamoDbKeys(1, 1);

    /**
     * A deployment's layout: the big tier's tenants on {@link #TENANT_SHARDS} shards, sweep buckets on
     * {@code sweeps} (sized for its write rate, {@link SweepShards#forRate}). A deployment's writers and
     * readers all build it from the same settings.
     */
    public static DynamoDbKeys production(ShardTiers tiers, SweepShards sweeps) {
        return new DynamoDbKeys(TENANT_SHARDS, sweeps, tiers);
    }

    /** The layout at the design rate: {@link #production} with sweeps {@link SweepShards#BY_WRITES}. */
    public static DynamoDbKeys tiered(ShardTiers tiers) {
        return new DynamoDbKeys(TENANT_SHARDS, SweepShards.BY_WRITES, tiers);
    }

    public static final String TICKET_SK = "TICKET";
    public static final String RESPONSE_SK = "R#";
    public static final String ATTACHMENT_SK = "A#";
    public static final List<String> INDEXES = List.of("GSI1", "GSI2", "GSI3", "GSI4");

    /** One entry of an index: the index's name, the entry's partition key and sort key. */
    public record IndexKey(String index, String partition, String sort) {
    }

    /**
     * The partitions a list reads and merges, in one index; when they are the time-sliced shards of GSI1-2,
     * {@code slotShards} of them take each slot (see {@link #slicePartitions}), otherwise 0.
     */
    public record ListIndex(String index, List<String> partitions, int slotShards) {

        public boolean sliced() {
            return slotShards > 0;
        }

        /** The slots the time-sliced partitions take turns over. */
        public int slots() {
            return partitions.size() / slotShards;
        }
    }

    private final int tenantShards;
    private final SweepShards sweepShards;
    private final ShardTiers tiers;

    /** Every tenant on {@code tenantShards}, every sweep bucket on {@code sweepShards}. */
    public DynamoDbKeys(int tenantShards, int sweepShards) {
        this(tenantShards, sweepShards, ShardTiers.everyTenant());
    }

    /** Every sweep bucket on {@code sweepShards}. */
    public DynamoDbKeys(int tenantShards, int sweepShards, ShardTiers tiers) {
        this(tenantShards, SweepShards.uniform(sweepShards), tiers);
    }

    public DynamoDbKeys(int tenantShards, SweepShards sweepShards, ShardTiers tiers) {
        if (tenantShards > 1 && tenantShards % SLICE_SHARDS != 0) {
            throw new IllegalArgumentException("tenant shards must be 1 or a multiple of " + SLICE_SHARDS);
        }
        this.tenantShards = tenantShards;
        this.sweepShards = sweepShards;
        this.tiers = tiers;
    }

    /** The shards of the big tier's tenant lists. */
    public int tenantShards() {
        return tenantShards;
    }

    /**
     * The shards of this tenant's lists: {@link #tenantShards} in the big tier, one per slot in the middle tier
     * ({@code tenantShards / SLICE_SHARDS}), otherwise 1.
     */
    public int tenantShards(String tenant) {
        return tenantShards == 1 ? 1 : switch (tiers.tierOf(tenant)) {
            case BIG -> tenantShards;
            case MIDDLE -> tenantShards / SLICE_SHARDS;
            case ORDINARY -> 1;
        };
    }

    /** The shards of this tenant's GSI1-2 lists that take one slot's tickets: 4 in the big tier, 1 in the middle. */
    private int slotShards(String tenant) {
        return tenantShards(tenant) == 1 ? 0 : tiers.tierOf(tenant) == ShardTiers.Tier.BIG ? SLICE_SHARDS : 1;
    }

    /** The shards of one sweep bucket. */
    public int sweepShards(String bucket) {
        return sweepShards.of(bucket);
    }

    public static String partition(String tenant, String ticketId) {
        return "T#" + tenant + "#" + ticketId;
    }

    public static String responseSortKey(Instant createdAt, String id) {
        return RESPONSE_SK + sortKey(createdAt, id);
    }

    public static String attachmentSortKey(String attachmentId) {
        return ATTACHMENT_SK + attachmentId;
    }

    /** {@code createdAt#id}, the time fixed-width, so text order is time order. */
    public static String sortKey(Instant createdAt, String id) {
        return sweepTime(createdAt) + "#" + id;
    }

    /** The ticket's entries in GSI1-3 and, when the core gives it a sweep key, GSI4. */
    public List<IndexKey> indexKeys(Ticket t) {
        String sort = sortKey(t.createdAt(), t.id());
        int slotShards = slotShards(t.tenant());
        int sliced = slotShards == 0 ? 0
                : timeSlicedShard(t.createdAt(), t.id(), tenantShards(t.tenant()) / slotShards, slotShards);
        List<IndexKey> keys = new ArrayList<>(List.of(
                new IndexKey("GSI1", tenantPartition(t.tenant(), sliced), sort),
                new IndexKey("GSI2", statusPartition(t.tenant(), t.status(), sliced), sort),
                new IndexKey("GSI3", requesterPartition(t.tenant(), t.requester(),
                        Shards.of(t.id(), requesterShards(t.tenant()))), sort)));
        SweepKey.of(t).ifPresent(key -> keys.add(sweepIndexKey(key, SweepEntry.of(t, key))));
        return keys;
    }

    /** The attachment's entry in GSI4, if the core gives it a sweep key. */
    public Optional<IndexKey> indexKey(Attachment a) {
        return SweepKey.of(a).map(key -> sweepIndexKey(key, SweepEntry.of(a, key)));
    }

    /** Where a list of a tenant's tickets reads: the index its filter picks, all shards of its partition. */
    public ListIndex listIndex(String tenant, Optional<TicketStatus> status, Optional<String> requester) {
        int count = tenantShards(tenant);
        if (requester.isPresent()) {
            return new ListIndex("GSI3", shards(requesterShards(tenant),
                    shard -> requesterPartition(tenant, requester.get(), shard)), 0);
        }
        if (status.isPresent()) {
            return new ListIndex("GSI2", shards(count, shard -> statusPartition(tenant, status.get(), shard)),
                    slotShards(tenant));
        }
        return new ListIndex("GSI1", shards(count, shard -> tenantPartition(tenant, shard)), slotShards(tenant));
    }

    /**
     * The shard of a GSI1-2 entry: the slot of its creation time's {@link #SLICE} among {@code slots} (slots take
     * turns, so all of a moment's new tickets go to one slot's {@code slotShards} partitions: 4 in the big tier,
     * 1 in the middle tier) and within the slot the hash of the id. A list's newest page then sits in one slot,
     * read with {@code slotShards} queries; updates of older tickets spread over every slot. docs/scale.md has
     * the write figures.
     */
    public static int timeSlicedShard(Instant createdAt, String id, int slots, int slotShards) {
        return slot(createdAt, slots) * slotShards + Shards.of(id, slotShards);
    }

    /** Indexes into {@code index.partitions()} of the slot holding the time slice that contains {@code at}. */
    public static List<Integer> slicePartitions(ListIndex index, Instant at) {
        int first = slot(at, index.slots()) * index.slotShards();
        return IntStream.range(first, first + index.slotShards()).boxed().toList();
    }

    /** The start of the time slice that contains {@code at}. */
    public static Instant sliceStart(Instant at) {
        long slice = SLICE.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), slice) * slice);
    }

    private static int slot(Instant at, int slots) {
        return (int) Math.floorMod(Math.floorDiv(at.toEpochMilli(), SLICE.toMillis()), (long) slots);
    }

    /** The partitions of one sweep bucket, each sorted oldest first. */
    public List<String> sweepPartitions(String bucket) {
        return shards(sweepShards.of(bucket), shard -> sweepShards.partition(bucket, shard));
    }

    /**
     * {@code time#tenant#ticketId[#attachmentId]}, the time fixed-width: the index sorts by time, then by
     * the text of tenant and ids, which is the core's order as long as they hold no character below '#'.
     */
    public static String sweepSortKey(SweepEntry entry) {
        return sweepTime(entry.at()) + "#" + entry.tenant() + "#" + entry.ticketId()
                + entry.attachmentId().map(id -> "#" + id).orElse("");
    }

    public static String sweepTime(Instant at) {
        return zeroPadded(at.toEpochMilli(), 13);
    }

    private IndexKey sweepIndexKey(SweepKey key, SweepEntry entry) {
        String identity = entry.tenant() + "#" + entry.ticketId() + entry.attachmentId().map(id -> "#" + id).orElse("");
        int shard = Shards.of(identity, sweepShards.of(key.bucket()));
        return new IndexKey("GSI4", sweepShards.partition(key.bucket(), shard), sweepSortKey(entry));
    }

    /** A requester's tickets come slowly: only the big tier spreads them (a busy integration account). */
    private int requesterShards(String tenant) {
        return slotShards(tenant) == SLICE_SHARDS ? SLICE_SHARDS : 1;
    }

    private String tenantPartition(String tenant, int shard) {
        return suffixed("TENANT#" + tenant, shard, tenantShards(tenant));
    }

    private String statusPartition(String tenant, TicketStatus status, int shard) {
        return suffixed("TENANT#" + tenant + "#S#" + status.name(), shard, tenantShards(tenant));
    }

    private String requesterPartition(String tenant, String requester, int shard) {
        return suffixed("TENANT#" + tenant + "#R#" + requester, shard, requesterShards(tenant));
    }

    private static String suffixed(String key, int shard, int count) {
        return count == 1 ? key : key + "#" + zeroPadded(shard, count <= 100 ? 2 : 3);
    }

    /** {@code value} in decimal, left-padded with zeros to {@code width} (String.format is slow on this path). */
    static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static List<String> shards(int count, java.util.function.IntFunction<String> partition) {
        return IntStream.range(0, count).mapToObj(partition).toList();
    }
}
