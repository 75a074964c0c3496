package dev.supportdesk.tickets;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life cycle of a ticket. Allowed moves: OPEN → IN_PROGRESS or CLOSED; IN_PROGRESS → OPEN or
 * RESOLVED; RESOLVED → CLOSED or back to OPEN (reopened); CLOSED is final.
 */
public enum TicketStatus {
    OPEN, IN_PROGRESS, RESOLVED, CLOSED;

    public Set<TicketStatus> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(IN_PROGRESS, CLOSED);
            case IN_PROGRESS -> EnumSet.of(OPEN, RESOLVED);
            case RESOLVED -> EnumSet.of(CLOSED, OPEN);
            case CLOSED -> EnumSet.noneOf(TicketStatus.class);
        };
    }

    public boolean canMoveTo(TicketStatus target) {
        return next().contains(target);
    }
}
