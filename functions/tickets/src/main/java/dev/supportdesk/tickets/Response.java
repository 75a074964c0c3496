package dev.supportdesk.tickets;

import java.time.Instant;

/** A message on a ticket. */
public record Response(String id, String tenant, String ticketId, String author, String body,
                       Visibility visibility, Instant createdAt) {
}
