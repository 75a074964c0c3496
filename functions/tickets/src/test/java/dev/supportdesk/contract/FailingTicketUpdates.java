package dev.supportdesk.contract;

import dev.supportdesk.domain.Unavailable;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.Response;
import dev.supportdesk.tickets.ResponseQuery;
import dev.supportdesk.tickets.SweepEntry;
import dev.supportdesk.tickets.SweepQuery;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketQuery;
import dev.supportdesk.tickets.TicketStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store whose next ticket updates fail as an outage would, after reaching nothing: the
 * fault between a response's write and the ticket's touch that a client sees as a 503.
 */
final class FailingTicketUpdates implements TicketStore {

    private final TicketStore delegate;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger lostAnswers = new AtomicInteger();

    FailingTicketUpdates(TicketStore delegate) {
        this.delegate = delegate;
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

    @Override
    public void create(Ticket ticket) {
        delegate.create(ticket);
    }

    @Override
    public Optional<Ticket> find(String tenant, String ticketId) {
        return delegate.find(tenant, ticketId);
    }

    @Override
    public List<Ticket> list(TicketQuery query) {
        return delegate.list(query);
    }

    @Override
    public void addResponse(Response response) {
        delegate.addResponse(response);
    }

    @Override
    public Optional<Response> findResponse(String tenant, String ticketId, String responseId) {
        return delegate.findResponse(tenant, ticketId, responseId);
    }

    @Override
    public List<Response> listResponses(ResponseQuery query) {
        return delegate.listResponses(query);
    }

    @Override
    public void addAttachment(Attachment attachment) {
        delegate.addAttachment(attachment);
    }

    @Override
    public Optional<Attachment> findAttachment(String tenant, String ticketId, String attachmentId) {
        return delegate.findAttachment(tenant, ticketId, attachmentId);
    }

    @Override
    public void updateAttachment(Attachment changed, long expectedVersion) {
        delegate.updateAttachment(changed, expectedVersion);
    }

    @Override
    public List<SweepEntry> sweep(SweepQuery query) {
        return delegate.sweep(query);
    }
}
