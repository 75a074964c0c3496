package dev.supportdesk.tickets;

import java.time.Instant;
import java.util.Optional;

/** The workflow's sweeps across tenants, read a page at a time from the buckets {@link SweepKey} fills. */
public final class Sweeps {

    private Sweeps() {
    }

    /**
     * Entries of {@code bucket} whose time is at or before {@code notAfter}, oldest first, resuming
     * after {@code cursor} (a position an earlier page returned).
     *
     * @throws InvalidCursorException if the cursor is not such a position
     */
    public static Page<SweepEntry> page(TicketStore store, String bucket, Instant notAfter, int limit,
                                        Optional<String> cursor) {
        Optional<SweepEntry> after = cursor.map(Cursors::sweepPosition);
        return Page.fromOverfetch(store.sweep(new SweepQuery(bucket, notAfter, after, limit + 1)), limit,
                Cursors::position);
    }
}
