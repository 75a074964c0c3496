package dev.supportdesk.tickets;

import java.util.Optional;

/**
 * A requested change of a ticket. The assignee may be set, cleared ({@code assigneeSet} with an
 * empty assignee) or left alone.
 */
public record TicketChange(Optional<TicketStatus> status, Optional<Priority> priority,
                           boolean assigneeSet, Optional<String> assignee) {

    public boolean isEmpty() {
        return status.isEmpty() && priority.isEmpty() && !assigneeSet;
    }
}
