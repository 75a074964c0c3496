package dev.supportdesk.tickets;

import java.time.Instant;

/**
 * Where a page of a tenant's list left off: the creation time and id of its last item. Tickets are
 * listed newest first and responses oldest first, both by {@code (createdAt, id)}.
 */
public record ListPosition(Instant createdAt, String id) {

    static ListPosition of(Ticket ticket) {
        return new ListPosition(ticket.createdAt(), ticket.id());
    }

    static ListPosition of(Response response) {
        return new ListPosition(response.createdAt(), response.id());
    }
}
