package dev.supportdesk.tickets;

import java.util.Optional;

/** Up to {@code fetch} responses of one ticket, oldest first, after {@code after}; internal ones only if asked. */
public record ResponseQuery(String tenant, String ticketId, boolean includeInternal, Optional<ListPosition> after,
                            int fetch) {
}
