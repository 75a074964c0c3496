package dev.supportdesk.contract;

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

/** A real store that tests wrap to put a fault or a meeting point in front of some of its calls. */
abstract class ForwardingTicketStore implements TicketStore {

    protected final TicketStore delegate;

    protected ForwardingTicketStore(TicketStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void update(Ticket changed, long expectedVersion) {
        delegate.update(changed, expectedVersion);
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
