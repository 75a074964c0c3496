package dev.supportdesk.tickets;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * One item a sweep visits: a ticket, or an attachment of a ticket, with the time of its
 * {@link SweepKey}. It is also the position a sweep resumes after.
 */
public record SweepEntry(Instant at, String tenant, String ticketId, Optional<String> attachmentId) {

    /** Oldest first; ties by tenant, then ticket, then attachment. */
    public static final Comparator<SweepEntry> ORDER = Comparator.comparing(SweepEntry::at)
            .thenComparing(SweepEntry::tenant)
            .thenComparing(SweepEntry::ticketId)
            .thenComparing(entry -> entry.attachmentId().orElse(""));

    public static SweepEntry of(Ticket ticket, SweepKey key) {
        return new SweepEntry(key.at(), ticket.tenant(), ticket.id(), Optional.empty());
    }

    public static SweepEntry of(Attachment attachment, SweepKey key) {
        return new SweepEntry(key.at(), attachment.tenant(), attachment.ticketId(), Optional.of(attachment.id()));
    }
}
