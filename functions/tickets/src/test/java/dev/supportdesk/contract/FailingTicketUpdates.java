package dev.supportdesk.contract;

import dev.supportdesk.domain.Unavailable;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store whose next ticket updates fail as an outage would, after reaching nothing: the
 * fault between a response's write and the ticket's touch that a client sees as a 503.
 */
final class FailingTicketUpdates extends ForwardingTicketStore {

    private final AtomicInteger failures = new AtomicInteger();

    FailingTicketUpdates(TicketStore delegate) {
        super(delegate);
    }

    /** Makes the next {@code count} ticket updates fail with {@link Unavailable}. */
    void failNextUpdates(int count) {
        failures.set(count);
    }

    @Override
    public void update(Ticket changed, long expectedVersion) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new Unavailable("the ticket store is unavailable (injected)");
        }
        delegate.update(changed, expectedVersion);
    }
}
