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
    private final AtomicInteger lostAnswers = new AtomicInteger();

    FailingTicketUpdates(TicketStore delegate) {
        super(delegate);
    }

    /** Makes the next {@code count} ticket updates fail with {@link Unavailable}. */
    void failNextUpdates(int count) {
        failures.set(count);
    }

    /**
     * Makes the next ticket update land and then fail as an SDK retry of it would: the first attempt's
     * answer is lost, the retried conditional write finds the item at the new version.
     */
    void loseNextUpdateAnswer() {
        lostAnswers.set(1);
    }

    @Override
    public void update(Ticket changed, long expectedVersion) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new Unavailable("the ticket store is unavailable (injected)");
        }
        delegate.update(changed, expectedVersion);
        if (lostAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            delegate.update(changed, expectedVersion);
        }
    }
}
