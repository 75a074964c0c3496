package dev.supportdesk.tickets.backfill;

import java.util.Optional;

/**
 * Port: rewrites stored tickets and attachments whose keys are not the ones the store writes today (the
 * layout before write sharding), a bounded batch at a time. Idempotent: an item already keyed as today
 * is left alone, and an item a concurrent write rewrites first keeps that write.
 */
public interface KeyBackfill {

    /**
     * Visits up to about {@code maxItems} stored items from {@code resumeFrom} (a position an earlier
     * step returned; the beginning when empty) and rewrites those that need it.
     *
     * @throws dev.supportdesk.domain.InvalidInput if {@code resumeFrom} is not a position a step returned
     */
    Step step(Optional<String> resumeFrom, int maxItems);

    /** What one step did, and where the next one starts (empty when every item has been visited). */
    record Step(int visited, int rewritten, Optional<String> resumeFrom) {
    }
}
