package dev.supportdesk.tickets;

import java.time.Instant;
import java.util.Objects;

/**
 * A support ticket. {@code version} starts at 1 and grows by one with every stored change; stores
 * write a ticket only if the version they hold is the one the change was based on.
 */
public record Ticket(String id, String tenant, String requester, String subject, String description,
                     Priority priority, TicketStatus status, String assignee,
                     Instant createdAt, Instant updatedAt, long version) {

    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public String etag() {
        return "\"" + version + "\"";
    }

    /** The next version of this ticket, with the given changes applied. */
    public Ticket changed(TicketStatus newStatus, Priority newPriority, String newAssignee, Instant at) {
        return new Ticket(id, tenant, requester, subject, description, newPriority, newStatus, newAssignee,
                createdAt, at, version + 1);
    }
}
