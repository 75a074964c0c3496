package dev.supportdesk.tickets;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: where tickets, responses and attachments live. Every change of an existing item is
 * conditional on its version; implementations never overwrite silently.
 */
public interface TicketStore {

    /** Stores a new ticket (version 1). */
    void create(Ticket ticket);

    Optional<Ticket> find(String tenant, String ticketId);

    /**
     * Replaces a ticket with {@code changed} (whose version is {@code expectedVersion + 1}) only if
     * the stored version is still {@code expectedVersion}.
     *
     * @throws StaleVersionException if the stored ticket has moved on
     */
    void update(Ticket changed, long expectedVersion);

    /** @throws InvalidCursorException if the query's cursor is not one this store handed out */
    Page<Ticket> list(TicketQuery query);

    void addResponse(Response response);

    Optional<Response> findResponse(String tenant, String ticketId, String responseId);

    /** Responses of a ticket, oldest first. */
    Page<Response> listResponses(String tenant, String ticketId, boolean includeInternal, int limit,
                                 Optional<String> cursor);

    void addAttachment(Attachment attachment);

    Optional<Attachment> findAttachment(String tenant, String ticketId, String attachmentId);

    /** Conditional like {@link #update}: only if the stored attachment is at {@code expectedVersion}. */
    void updateAttachment(Attachment changed, long expectedVersion);

    /**
     * For the workflow's sweeps, across all tenants: tickets in {@code status} (not CLOSED) with
     * {@code priority} whose {@code updatedAt} is at or before {@code notAfter}, oldest update first
     * (ties by tenant, then id). Keyset-paged: the cursor is the position of the last item returned.
     *
     * @throws InvalidCursorException if the cursor is not one this store handed out
     */
    Page<Ticket> listInactive(TicketStatus status, Priority priority, Instant notAfter, int limit,
                              Optional<String> cursor);

    /**
     * For the workflow's sweeps, across all tenants: uploaded attachments whose OCR is at
     * {@code status} and whose {@code uploadedAt} is at or before {@code notAfter}, oldest upload first.
     *
     * @throws InvalidCursorException if the cursor is not one this store handed out
     */
    Page<Attachment> listAttachmentsByOcr(OcrStatus status, Instant notAfter, int limit, Optional<String> cursor);
}
