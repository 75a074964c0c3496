package dev.supportdesk.workflow;

import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.InvalidCursorException;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Page;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Response;
import dev.supportdesk.tickets.StaleVersionException;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketQuery;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
    public Page<Ticket> list(TicketQuery query) {
        Stream<Ticket> matching = tickets.values().stream().filter(t -> t.tenant().equals(query.tenant()))
                .filter(t -> query.status().map(s -> s == t.status()).orElse(true))
                .filter(t -> query.requester().map(r -> r.equals(t.requester())).orElse(true))
                .sorted(Comparator.comparing(Ticket::createdAt).thenComparing(Ticket::id).reversed());
        return page(matching.toList(), t -> t.createdAt().toEpochMilli() + ":" + t.id(), query.limit(), query.cursor(), true);
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
    public Page<Response> listResponses(String tenant, String ticketId, boolean includeInternal, int limit,
                                        Optional<String> cursor) {
        List<Response> matching = responses.values().stream()
                .filter(r -> r.tenant().equals(tenant) && r.ticketId().equals(ticketId))
                .filter(r -> includeInternal || r.visibility() == dev.supportdesk.tickets.Visibility.PUBLIC)
                .sorted(Comparator.comparing(Response::createdAt).thenComparing(Response::id)).toList();
        return page(matching, r -> r.createdAt().toEpochMilli() + ":" + r.id(), limit, cursor, false);
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

    @Override
    public Page<Ticket> listInactive(TicketStatus status, Priority priority, Instant notAfter, int limit,
                                     Optional<String> cursor) {
        List<Ticket> matching = tickets.values().stream()
                .filter(t -> t.status() == status && t.status() != TicketStatus.CLOSED && t.priority() == priority)
                .filter(t -> !t.updatedAt().isAfter(notAfter))
                .sorted(Comparator.comparing(Ticket::updatedAt).thenComparing(Ticket::tenant).thenComparing(Ticket::id))
                .toList();
        return page(matching, t -> t.updatedAt().toEpochMilli() + ":" + t.tenant() + ":" + t.id(), limit, cursor, false);
    }

    @Override
    public Page<Attachment> listAttachmentsByOcr(OcrStatus status, Instant notAfter, int limit, Optional<String> cursor) {
        List<Attachment> matching = attachments.values().stream()
                .filter(a -> a.ocrStatus() == status && a.uploadedAt() != null && !a.uploadedAt().isAfter(notAfter))
                .sorted(Comparator.comparing(Attachment::uploadedAt).thenComparing(Attachment::tenant)
                        .thenComparing(Attachment::ticketId).thenComparing(Attachment::id))
                .toList();
        return page(matching, a -> a.uploadedAt().toEpochMilli() + ":" + a.tenant() + ":" + a.ticketId() + ":" + a.id(),
                limit, cursor, false);
    }

    /** Keyset paging over a sorted snapshot: the cursor is the key of the last item returned. */
    private static <T> Page<T> page(List<T> sorted, Function<T, String> key, int limit, Optional<String> cursor,
                                    boolean descending) {
        int from = 0;
        if (cursor.isPresent()) {
            if (!cursor.get().startsWith("m:")) {
                throw new InvalidCursorException("malformed position");
            }
            String after = cursor.get().substring(2);
            from = sorted.size();
            for (int i = 0; i < sorted.size(); i++) {
                String position = key.apply(sorted.get(i));
                if (descending ? isAfter(after, position) : isAfter(position, after)) {
                    from = i;
                    break;
                }
            }
        }
        List<T> items = sorted.subList(from, Math.min(sorted.size(), from + limit));
        boolean more = from + limit < sorted.size();
        return new Page<>(items, more ? Optional.of("m:" + key.apply(items.get(items.size() - 1))) : Optional.empty());
    }

    /** Positions compare by their millis numerically, then the rest as text. */
    private static boolean isAfter(String a, String b) {
        long ma = Long.parseLong(a.substring(0, a.indexOf(':')));
        long mb = Long.parseLong(b.substring(0, b.indexOf(':')));
        if (ma != mb) {
            return ma > mb;
        }
        return a.substring(a.indexOf(':')).compareTo(b.substring(b.indexOf(':'))) > 0;
    }
}
