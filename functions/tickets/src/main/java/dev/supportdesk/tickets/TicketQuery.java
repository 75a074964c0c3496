package dev.supportdesk.tickets;

import java.util.Optional;

/** Up to {@code fetch} tickets of one tenant, optionally filtered, newest first, after {@code after}. */
public record TicketQuery(String tenant, Optional<TicketStatus> status, Optional<String> requester,
                          Optional<ListPosition> after, int fetch) {
}
