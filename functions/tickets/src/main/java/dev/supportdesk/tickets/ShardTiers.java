package dev.supportdesk.tickets;

import java.util.Collection;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which tenants spread their list indexes over shards. Most tenants write far below one partition's limit
 * and keep one partition per list (the layout before sharding), so their lists are one query; only the
 * tenants named here (the big tier, {@code SUPPORTDESK_SHARDED_TENANTS}) write to, and read from, all of a
 * store's shards. A tenant's tier is configuration, so a writer and a reader derive an item's shard from the
 * same two facts: the tier and the item's id.
 *
 * <p>A tenant moves up a tier by being added to the setting, then the key backfill rewrites its existing
 * items onto the shards (lists miss its not-yet-rewritten items until the backfill has passed).
 */
public final class ShardTiers {

    private static final ShardTiers EVERY_TENANT = new ShardTiers(tenant -> true, "every tenant");
    private static final ShardTiers NO_TENANT = new ShardTiers(tenant -> false, "no tenant");

    private final Predicate<String> sharded;
    private final String description;

    private ShardTiers(Predicate<String> sharded, String description) {
        this.sharded = sharded;
        this.description = description;
    }

    /** Every tenant sharded: the layout measured by the partition simulator's big tenant and the store tests. */
    public static ShardTiers everyTenant() {
        return EVERY_TENANT;
    }

    /** Every tenant on one partition per list: the layout before sharding. */
    public static ShardTiers noTenant() {
        return NO_TENANT;
    }

    /** Only the named tenants sharded (blank names ignored). */
    public static ShardTiers of(Collection<String> shardedTenants) {
        Set<String> names = shardedTenants.stream().map(String::strip).filter(name -> !name.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        return names.isEmpty() ? NO_TENANT : new ShardTiers(names::contains, "tenants " + names);
    }

    /** Whether no tenant is in the big tier. */
    public boolean isEmpty() {
        return this == NO_TENANT;
    }

    public boolean isSharded(String tenant) {
        return sharded.test(tenant);
    }

    /** The shards of the tenant's lists: {@code bigTierShards} in the big tier, otherwise 1. */
    public int shardsOf(String tenant, int bigTierShards) {
        return isSharded(tenant) ? bigTierShards : 1;
    }

    @Override
    public String toString() {
        return "sharded: " + description;
    }
}
