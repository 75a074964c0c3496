package dev.supportdesk.tickets;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which tenants spread their list indexes over shards. Most tenants write far below one partition's limit
 * and keep one partition per list (the layout before sharding), so their lists are one query; only the
 * tenants named here (the big tier, {@code SUPPORTDESK_SHARDED_TENANTS}) write to, and read from, all of a
 * store's shards. A tenant's tier is configuration, so a writer and a reader derive an item's shard from the
 * same two facts: the tier and the item's id.
 *
 * <p>Two sharded tiers: the big tier (an entry {@code tenant} or {@code tenant:big}) and the middle tier
 * ({@code tenant:middle}), which a store may give fewer shards (DynamoDB: one per time slot instead of four, for
 * tenants writing hundreds, not thousands, of tickets a second; Azure shards both alike).
 *
 * <p>A tenant moves up a tier by being added to the setting, then the key backfill rewrites its existing
 * items onto the shards (lists miss its not-yet-rewritten items until the backfill has passed).
 */
public final class ShardTiers {

    /** A tenant's tier. */
    public enum Tier {
        /** One partition per list: the layout before sharding. */
        ORDINARY,
        /** Sharded, on the fewer shards of a tenant writing hundreds of tickets a second. */
        MIDDLE,
        /** Sharded, on every shard. */
        BIG
    }

    private static final ShardTiers EVERY_TENANT = new ShardTiers(tenant -> Tier.BIG, "every tenant");
    private static final ShardTiers NO_TENANT = new ShardTiers(tenant -> Tier.ORDINARY, "no tenant");

    private final Function<String, Tier> tiers;
    private final String description;

    private ShardTiers(Function<String, Tier> tiers, String description) {
        this.tiers = tiers;
        this.description = description;
    }

    /** Every tenant sharded: the layout measured by the partition simulator's big tenant and the store tests. */
    public static ShardTiers everyTenant() {
        return EVERY_TENANT;
    }

    /** Every tenant in {@code tier}: the store contract's runs on each tier's layout. */
    public static ShardTiers everyTenantIn(Tier tier) {
        return switch (tier) {
            case BIG -> EVERY_TENANT;
            case ORDINARY -> NO_TENANT;
            case MIDDLE -> new ShardTiers(tenant -> Tier.MIDDLE, "every tenant in the middle tier");
        };
    }

    /** Every tenant on one partition per list: the layout before sharding. */
    public static ShardTiers noTenant() {
        return NO_TENANT;
    }

    /**
     * Only the named tenants sharded (blank entries ignored): {@code tenant} or {@code tenant:big} in the big tier,
     * {@code tenant:middle} in the middle tier.
     */
    public static ShardTiers of(Collection<String> shardedTenants) {
        Map<String, Tier> named = shardedTenants.stream().map(String::strip).filter(entry -> !entry.isEmpty())
                .collect(Collectors.toUnmodifiableMap(ShardTiers::tenantOf, ShardTiers::tierOfEntry, (a, b) -> {
                    throw new IllegalArgumentException("SUPPORTDESK_SHARDED_TENANTS names a tenant twice");
                }));
        return named.isEmpty() ? NO_TENANT
                : new ShardTiers(tenant -> named.getOrDefault(tenant, Tier.ORDINARY), "tenants " + named);
    }

    private static String tenantOf(String entry) {
        int colon = entry.lastIndexOf(':');
        return colon < 0 ? entry : entry.substring(0, colon).strip();
    }

    private static Tier tierOfEntry(String entry) {
        int colon = entry.lastIndexOf(':');
        if (colon < 0) {
            return Tier.BIG;
        }
        String tier = entry.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
        return switch (tier) {
            case "big" -> Tier.BIG;
            case "middle" -> Tier.MIDDLE;
            default -> throw new IllegalArgumentException("SUPPORTDESK_SHARDED_TENANTS: '" + entry
                    + "' names no tier; write tenant, tenant:big or tenant:middle");
        };
    }

    /** Whether no tenant is in a sharded tier. */
    public boolean isEmpty() {
        return this == NO_TENANT;
    }

    public Tier tierOf(String tenant) {
        return tiers.apply(tenant);
    }

    public boolean isSharded(String tenant) {
        return tierOf(tenant) != Tier.ORDINARY;
    }

    /** The shards of the tenant's lists where both sharded tiers have the same: {@code bigTierShards}, otherwise 1. */
    public int shardsOf(String tenant, int bigTierShards) {
        return isSharded(tenant) ? bigTierShards : 1;
    }

    @Override
    public String toString() {
        return "sharded: " + description;
    }
}
