package dev.supportdesk.tickets;

import java.util.List;
import java.util.Optional;

/**
 * Port: where tickets, responses and attachments live. Every change of an existing item is
 * conditional on its version; implementations never overwrite silently.
 *
 * <p>Lists are keyset-paged by the core: a store returns up to {@code fetch} items in the list's
 * order, strictly after the position it is given, and knows nothing of cursors or page sizes.
 */
public interface TicketStore {

    /** Stores a new ticket (version 1). */
    void create(Ticket ticket);

    Optional<Ticket> find(String tenant, String ticketId);

    /**
     * Replaces a ticket with {@code changed} (whose version is {@code expectedVersion + 1}) only if
     * the stored version is still {@code expectedVersion}. Of concurrent calls with the same expected
     * version exactly one returns, even when they carry identical changes; a store whose client retries
     * a write after losing its answer recognises that write's own result as success.
     *
     * @throws StaleVersionException if the stored ticket has moved on
     */
    void update(Ticket changed, long expectedVersion);

    /**
     * Tickets of the query's tenant, newest first; tickets created in the same millisecond in an order
     * of their ids that is the store's own but stable, so a list resumed after any of them skips none.
     */
    List<Ticket> list(TicketQuery query);

    void addResponse(Response response);

    Optional<Response> findResponse(String tenant, String ticketId, String responseId);

    /** Responses of a ticket, oldest first ({@code createdAt}, then id). */
    List<Response> listResponses(ResponseQuery query);

    void addAttachment(Attachment attachment);

    Optional<Attachment> findAttachment(String tenant, String ticketId, String attachmentId);

    /** Conditional like {@link #update}: only if the stored attachment is at {@code expectedVersion}. */
    void updateAttachment(Attachment changed, long expectedVersion);

    /**
     * For the workflow's sweeps, across all tenants: the tickets and attachments whose {@link SweepKey}
     * (as stored with their last write) is in the query's bucket and at or before its time, in
     * {@link SweepEntry#ORDER}. Stores decide nothing about membership; they index the key they are handed.
     */
    List<SweepEntry> sweep(SweepQuery query);
}
