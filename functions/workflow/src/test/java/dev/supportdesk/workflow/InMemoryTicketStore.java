package dev.supportdesk.workflow;

import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.ListPosition;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Response;
import dev.supportdesk.tickets.ResponseQuery;
import dev.supportdesk.tickets.StaleVersionException;
import dev.supportdesk.tickets.SweepEntry;
import dev.supportdesk.tickets.SweepKey;
import dev.supportdesk.tickets.SweepQuery;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketQuery;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import dev.supportdesk.tickets.Visibility;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A ticket store in memory for the core's workflow tests, held to the same {@code TicketStoreContract}
 * as the real stores (see {@code InMemoryStoresContractTest}). Conditional writes are atomic per key.
 */
public final class InMemoryTicketStore implements TicketStore {

    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final Map<String, Response> responses = new ConcurrentHashMap<>();
    private final Map<String, Attachment> attachments = new ConcurrentHashMap<>();

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }

    @Override
    public void create(Ticket ticket) {
        if (tickets.putIfAbsent(key(ticket.tenant(), ticket.id()), ticket) != null) {
            throw new StaleVersionException("exists");
        }
    }

    @Override
    public Optional<Ticket> find(String tenant, String ticketId) {
        return Optional.ofNullable(tickets.get(key(tenant, ticketId)));
    }

    @Override
    public void update(Ticket changed, long expectedVersion) {
        boolean[] done = {false};
        tickets.computeIfPresent(key(changed.tenant(), changed.id()), (k, current) -> {
            if (current.version() != expectedVersion) {
                return current;
            }
            done[0] = true;
            return changed;
        });
        if (!done[0]) {
            throw new StaleVersionException("ticket " + changed.id() + " is not at version " + expectedVersion);
        }
    }

    @Override
    public List<Ticket> list(TicketQuery query) {
        Comparator<Ticket> newestFirst = Comparator.comparing(Ticket::createdAt).thenComparing(Ticket::id).reversed();
        return tickets.values().stream().filter(t -> t.tenant().equals(query.tenant()))
                .filter(t -> query.status().map(s -> s == t.status()).orElse(true))
                .filter(t -> query.requester().map(r -> r.equals(t.requester())).orElse(true))
                .filter(t -> query.after().map(after -> newestFirst.compare(t, ticketAt(after)) > 0).orElse(true))
                .sorted(newestFirst)
                .limit(query.fetch())
                .toList();
    }

    private static Ticket ticketAt(ListPosition at) {
        return new Ticket(at.id(), "", "", "", "", Priority.NORMAL, TicketStatus.OPEN, null, at.createdAt(),
                at.createdAt(), 0);
    }

    @Override
    public void addResponse(Response response) {
        if (responses.putIfAbsent(key(response.tenant(), response.ticketId(), response.id()), response) != null) {
            throw new StaleVersionException("response exists");
        }
    }

    @Override
    public Optional<Response> findResponse(String tenant, String ticketId, String responseId) {
        return Optional.ofNullable(responses.get(key(tenant, ticketId, responseId)));
    }

    @Override
    public List<Response> listResponses(ResponseQuery query) {
        Comparator<Response> oldestFirst = Comparator.comparing(Response::createdAt).thenComparing(Response::id);
        return responses.values().stream()
                .filter(r -> r.tenant().equals(query.tenant()) && r.ticketId().equals(query.ticketId()))
                .filter(r -> query.includeInternal() || r.visibility() == Visibility.PUBLIC)
                .filter(r -> query.after().map(after -> oldestFirst.compare(r, responseAt(after)) > 0).orElse(true))
                .sorted(oldestFirst)
                .limit(query.fetch())
                .toList();
    }

    private static Response responseAt(ListPosition at) {
        return new Response(at.id(), "", "", "", "", Visibility.PUBLIC, at.createdAt());
    }

    public List<Response> allResponses() {
        return new ArrayList<>(responses.values());
    }

    public List<Ticket> allTickets() {
        return new ArrayList<>(tickets.values());
    }

    @Override
    public void addAttachment(Attachment attachment) {
        if (attachments.putIfAbsent(key(attachment.tenant(), attachment.ticketId(), attachment.id()), attachment) != null) {
            throw new StaleVersionException("attachment exists");
        }
    }

    @Override
    public Optional<Attachment> findAttachment(String tenant, String ticketId, String attachmentId) {
        return Optional.ofNullable(attachments.get(key(tenant, ticketId, attachmentId)));
    }

    @Override
    public void updateAttachment(Attachment changed, long expectedVersion) {
        boolean[] done = {false};
        attachments.computeIfPresent(key(changed.tenant(), changed.ticketId(), changed.id()), (k, current) -> {
            if (current.version() != expectedVersion) {
                return current;
            }
            done[0] = true;
            return changed;
        });
        if (!done[0]) {
            throw new StaleVersionException("attachment " + changed.id() + " is not at version " + expectedVersion);
        }
    }

    /** Indexes what the core hands every store, read at the time of the sweep instead of at the write. */
    @Override
    public List<SweepEntry> sweep(SweepQuery query) {
        Stream<SweepEntry> fromTickets = tickets.values().stream()
                .flatMap(t -> SweepKey.of(t).filter(key -> key.bucket().equals(query.bucket()))
                        .map(key -> SweepEntry.of(t, key)).stream());
        Stream<SweepEntry> fromAttachments = attachments.values().stream()
                .flatMap(a -> SweepKey.of(a).filter(key -> key.bucket().equals(query.bucket()))
                        .map(key -> SweepEntry.of(a, key)).stream());
        return Stream.concat(fromTickets, fromAttachments)
                .filter(entry -> !entry.at().isAfter(query.notAfter()))
                .filter(entry -> query.after().map(after -> SweepEntry.ORDER.compare(entry, after) > 0).orElse(true))
                .sorted(SweepEntry.ORDER)
                .limit(query.fetch())
                .toList();
    }
}
