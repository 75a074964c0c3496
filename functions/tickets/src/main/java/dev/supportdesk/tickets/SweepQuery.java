package dev.supportdesk.tickets;

import java.time.Instant;
import java.util.Optional;

/**
 * Up to {@code fetch} entries of one sweep bucket (see {@link SweepKey}) whose time is at or before
 * {@code notAfter}, in {@link SweepEntry#ORDER}, after {@code after}.
 */
public record SweepQuery(String bucket, Instant notAfter, Optional<SweepEntry> after, int fetch) {
}
