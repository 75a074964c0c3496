package dev.supportdesk.tickets;

import java.util.Optional;

/** A page of tickets of one tenant, optionally filtered, newest first. */
public record TicketQuery(String tenant, Optional<TicketStatus> status, Optional<String> requester,
                          int limit, Optional<String> cursor) {
}
