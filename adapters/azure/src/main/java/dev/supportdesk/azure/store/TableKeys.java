package dev.supportdesk.azure.store;

import dev.supportdesk.tickets.ShardTiers;
import dev.supportdesk.tickets.Shards;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Where {@link TableTicketStore} puts every row: pure functions of the item, shared with the partition
 * simulator ({@code benchmarks/scale}) so that what it measures is what the store writes.
 *
 * <p>A ticket and its three index rows live in one partition, so that one entity-group transaction keeps
 * them in step: {@code T|tenant|NN}, where {@code NN} is {@link Shards#of} the ticket's id among
 * {@link #tenantShards} for a tenant of the big tier ({@link ShardTiers}); every other tenant keeps its one
 * partition {@code T|tenant} (the layout before sharding), so its lists read one partition. A list reads the
 * index rows of all the tenant's shards and merges them. Responses
 * and attachments of a ticket live in {@code I|tenant|ticketId}. {@link #UNSHARDED} (one shard, partition
 * {@code T|tenant}) is the layout before sharding: the simulator's "before", and where the backfill finds
 * the rows it moves.
 */
public final class TableKeys {

    /** Shards of a tenant's ticket partition; see docs/scale.md for the figures behind it. */
    public static final int TENANT_SHARDS = 64;

    /** Every tenant sharded. */
    public static final TableKeys SHARDED = new TableKeys(TENANT_SHARDS);
    public static final TableKeys UNSHARDED = new TableKeys(1);

    /** Production's layout: the big tier's tenants on {@link #TENANT_SHARDS} shard partitions, the others on one. */
    public static TableKeys tiered(ShardTiers tiers) {
        return new TableKeys(TENANT_SHARDS, tiers);
    }

    static final long INVERT = 9_999_999_999_999L;
    /** Cosmos DB for Table: "Row keys can only be up to 255 bytes" (FAQ). */
    static final int MAX_ROW_KEY_BYTES = 255;
    /** {@code |inv|id} after an index prefix: 13 digits and a ticket id (a UUID), with separators. */
    private static final int POSITION_BYTES = 13 + 1 + 36;
    public static final String TICKET = "ticket|";
    public static final String RESPONSE = "response|";
    public static final String ATTACHMENT = "attachment|";

    private final int tenantShards;
    private final ShardTiers tiers;

    /** Every tenant on {@code tenantShards}. */
    public TableKeys(int tenantShards) {
        this(tenantShards, ShardTiers.everyTenant());
    }

    public TableKeys(int tenantShards, ShardTiers tiers) {
        this.tenantShards = tenantShards;
        this.tiers = tiers;
    }

    /** The shard partitions of a big-tier tenant. */
    public int tenantShards() {
        return tenantShards;
    }

    /** The shard partitions of this tenant: {@link #tenantShards} in the big tier, otherwise 1. */
    public int tenantShards(String tenant) {
        return tiers.shardsOf(tenant, tenantShards);
    }

    /** The partition of a ticket and its index rows. */
    public String ticketPartition(String tenant, String ticketId) {
        int count = tenantShards(tenant);
        return count == 1 ? legacyPartition(tenant)
                : legacyPartition(tenant) + "|" + zeroPadded(Shards.of(ticketId, count), 2);
    }

    /** Every partition a list of the tenant's tickets reads. */
    public List<String> tenantPartitions(String tenant) {
        int count = tenantShards(tenant);
        if (count == 1) {
            return List.of(legacyPartition(tenant));
        }
        return IntStream.range(0, count)
                .mapToObj(shard -> legacyPartition(tenant) + "|" + zeroPadded(shard, 2)).toList();
    }

    /** The tenant's one partition before sharding. */
    public static String legacyPartition(String tenant) {
        return "T|" + tenant;
    }

    public static String itemsPartition(String tenant, String ticketId) {
        return "I|" + tenant + "|" + ticketId;
    }

    public static String ticketRowKey(String ticketId) {
        return TICKET + ticketId;
    }

    public static String responseRowKey(Instant createdAt, String id) {
        return RESPONSE + sortKey(createdAt.toEpochMilli(), id);
    }

    public static String attachmentRowKey(String attachmentId) {
        return ATTACHMENT + attachmentId;
    }

    /** The ticket's index rows: all tickets, by status, by requester; each {@code prefix + inverted time + id}. */
    public static List<String> indexRowKeys(Ticket t) {
        return List.of(listPrefix(Optional.empty(), Optional.empty()) + position(t), statusRowKey(t),
                requesterPrefix(t.requester()) + position(t));
    }

    public static String statusRowKey(Ticket t) {
        return listPrefix(Optional.of(t.status()), Optional.empty()) + position(t);
    }

    /** The index a list reads: by requester (also filtered on status), by status, or all. */
    public static String listPrefix(Optional<TicketStatus> status, Optional<String> requester) {
        if (requester.isPresent()) {
            return requesterPrefix(requester.get());
        }
        return status.map(s -> "status|" + s.name() + "|").orElse("all|");
    }

    /** A ticket's place in an index: inverted creation time, then id; ascending is newest first. */
    public static String position(Instant createdAt, String id) {
        return sortKey(INVERT - createdAt.toEpochMilli(), id);
    }

    private static String position(Ticket t) {
        return position(t.createdAt(), t.id());
    }

    static String sortKey(long number, String id) {
        return zeroPadded(number, 13) + "|" + id;
    }

    /** {@code value} in decimal, left-padded with zeros to {@code width} (String.format is slow on this path). */
    private static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /**
     * The requester's index prefix: {@code requester|who|}, or {@code requester|~<SHA-256 of who>|} when
     * {@code who} would make a row key longer than Cosmos DB for Table's 255 bytes or holds a character
     * that Tables does not allow in keys ({@code / \\ # ?}, control characters). Lists by requester also
     * filter on the row's {@code requester} property, so no two requesters' rows ever mix.
     */
    public static String requesterPrefix(String requester) {
        String plain = "requester|" + requester + "|";
        boolean fits = plain.getBytes(StandardCharsets.UTF_8).length + POSITION_BYTES <= MAX_ROW_KEY_BYTES
                && requester.chars().noneMatch(c -> c == '/' || c == '\\' || c == '#' || c == '?' || Character.isISOControl(c));
        if (fits) {
            return plain;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(requester.getBytes(StandardCharsets.UTF_8));
            return "requester|~" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "|";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
