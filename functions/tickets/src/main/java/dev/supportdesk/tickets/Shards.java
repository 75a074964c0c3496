package dev.supportdesk.tickets;

/**
 * Write sharding, the same on every store: an item's shard is a pure function of its identity, so a
 * reader can compute where an item lives and a writer never needs to look anything up.
 *
 * <p>The hash is {@link String#hashCode()} (fixed by the Java Language Specification, so stable across
 * JVMs and releases) passed through the MurmurHash3 finalizer, which spreads its low bits evenly: random
 * UUIDs land on {@code count} shards uniformly.
 */
public final class Shards {

    private Shards() {
    }

    /** The shard of {@code identity} among {@code count}, in {@code [0, count)}. */
    public static int of(String identity, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a shard count is at least 1, not " + count);
        }
        int h = identity.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, count);
    }
}
