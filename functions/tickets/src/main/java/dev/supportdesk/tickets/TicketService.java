package dev.supportdesk.tickets;

import dev.supportdesk.telemetry.Metrics;
import dev.supportdesk.telemetry.Telemetry;
import dev.supportdesk.domain.Conflict;
import dev.supportdesk.domain.Forbidden;
import dev.supportdesk.domain.IllegalTransition;
import dev.supportdesk.domain.InvalidCursor;
import dev.supportdesk.domain.InvalidInput;
import dev.supportdesk.domain.NotFound;
import dev.supportdesk.domain.PreconditionFailed;
import dev.supportdesk.identity.Identity;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.ports.DownloadUrl;
import dev.supportdesk.ports.UploadUrl;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The ticket rules: who sees and changes what, legal status moves, conditional updates. Callers
 * who may not see a ticket get "not found", so ticket ids never leak across tenants or customers.
 */
public final class TicketService {

    /** How long a download URL (of a searchable PDF) stays usable. */
    public static final java.time.Duration DOWNLOAD_URL_VALIDITY = java.time.Duration.ofMinutes(5);

    private final TicketStore store;
    private final BlobStore blobs;
    private final Clock clock;
    private final TicketSettings settings;
    private final Telemetry telemetry;

    public TicketService(TicketStore store, BlobStore blobs, Clock clock, TicketSettings settings) {
        this(store, blobs, clock, settings, Telemetry.noop());
    }

    /** @param telemetry where stale-version conflicts ({@code store_conflicts_total}) are counted */
    public TicketService(TicketStore store, BlobStore blobs, Clock clock, TicketSettings settings, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
        this.settings = settings;
    }

    public Ticket create(Identity caller, String subject, String description, Priority priority) {
        Instant now = now();
        Ticket ticket = new Ticket(newId(), caller.tenant(), caller.subject(), subject, description, priority,
                TicketStatus.OPEN, null, now, now, 1);
        insertOnce(() -> store.create(ticket), () -> store.find(ticket.tenant(), ticket.id()));
        return ticket;
    }

    public Ticket get(Identity caller, String ticketId) {
        Ids.require(ticketId, "ticket");
        return store.find(caller.tenant(), ticketId)
                .filter(ticket -> caller.isStaff() || ticket.requester().equals(caller.subject()))
                .orElseThrow(() -> new NotFound("ticket '" + ticketId + "' does not exist"));
    }

    public Page<Ticket> list(Identity caller, Optional<TicketStatus> status, Optional<String> requester,
                             int limit, Optional<String> cursor) {
        Optional<String> effectiveRequester = requester;
        if (!caller.isStaff()) {
            if (requester.isPresent() && !requester.get().equals(caller.subject())) {
                throw new Forbidden("customers can list only their own tickets");
            }
            effectiveRequester = Optional.of(caller.subject());
        }
        Optional<ListPosition> after = listPosition(cursor);
        return Page.fromOverfetch(store.list(new TicketQuery(caller.tenant(), status, effectiveRequester, after,
                limit + 1)), limit, ticket -> Cursors.position(ListPosition.of(ticket)));
    }

    /**
     * Applies a change if the caller may make it and, when given, {@code ifMatch} is the ticket's
     * current ETag. Returns the ticket as stored afterwards.
     */
    public Ticket update(Identity caller, String ticketId, TicketChange change, Optional<String> ifMatch) {
        Ticket current = get(caller, ticketId);
        if (ifMatch.isPresent() && !matches(ifMatch.get(), current)) {
            throw new PreconditionFailed("ticket '" + ticketId
                    + "' has changed since ETag " + ifMatch.get() + " was read; its current ETag is " + current.etag());
        }
        checkAllowed(caller, current, change);
        TicketStatus status = change.status().orElse(current.status());
        if (status != current.status() && !current.status().canMoveTo(status)) {
            throw new IllegalTransition("a ticket cannot move from " + current.status()
                    + " to " + status + "; from " + current.status() + " it can move to "
                    + (current.status().next().isEmpty() ? "nothing (it is final)" : new TreeSet<>(current.status().next())));
        }
        Priority priority = change.priority().orElse(current.priority());
        String assignee = change.assigneeSet() ? change.assignee().orElse(null) : current.assignee();
        if (status == current.status() && priority == current.priority()
                && java.util.Objects.equals(assignee, current.assignee())) {
            return current;
        }
        Ticket changed = current.changed(status, priority, assignee, now());
        try {
            store.update(changed, current.version());
        } catch (StaleVersionException e) {
            // Another request's write (the stores tell an SDK retry meeting this very write apart, by a token)
            telemetry.increment(Metrics.STORE_CONFLICTS, "ticket_update");
            if (ifMatch.isPresent()) {
                throw new PreconditionFailed("ticket '" + ticketId + "' was changed by another request; read it again and retry");
            }
            throw new Conflict("ticket '" + ticketId + "' was changed by another request at the same time; retry");
        }
        return changed;
    }

    private static boolean matches(String ifMatch, Ticket ticket) {
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(ticket.etag()) || tag.equals("W/" + ticket.etag())) {
                return true;
            }
        }
        return false;
    }

    private static void checkAllowed(Identity caller, Ticket current, TicketChange change) {
        if (caller.isStaff()) {
            return;
        }
        if (change.priority().isPresent() || change.assigneeSet()) {
            throw new Forbidden("customers may not change a ticket's priority or assignee");
        }
        boolean closingOrReopening = current.status() == TicketStatus.RESOLVED
                && change.status().filter(s -> s == TicketStatus.CLOSED || s == TicketStatus.OPEN).isPresent();
        if (change.status().isPresent() && change.status().get() != current.status() && !closingOrReopening) {
            throw new Forbidden("customers may only close or reopen a RESOLVED ticket");
        }
    }

    public Response respond(Identity caller, String ticketId, String body, Visibility visibility) {
        return respond(caller, ticketId, body, visibility, Optional.empty());
    }

    /**
     * Adds a response and touches the ticket. With an {@code idempotencyKey} the response's id is derived
     * from the tenant, ticket, caller and key, so a retry of a request whose answer was lost (say a 503
     * after the response was stored but before the ticket was touched) finds the stored response and
     * answers it (touching the ticket again) instead of storing a second one; the same key with another
     * body or visibility is a {@link Conflict}. Every store refuses a second response with the same id.
     */
    public Response respond(Identity caller, String ticketId, String body, Visibility visibility,
                            Optional<String> idempotencyKey) {
        Ticket ticket = get(caller, ticketId);
        if (visibility == Visibility.INTERNAL && !caller.isStaff()) {
            throw new Forbidden("only agents and admins may write internal responses");
        }
        String id = idempotencyKey.map(key -> keyedId(caller, ticket, key)).orElseGet(TicketService::newId);
        if (idempotencyKey.isPresent()) {
            Optional<Response> replayed = store.findResponse(ticket.tenant(), ticket.id(), id);
            if (replayed.isPresent()) {
                return replay(replayed.get(), ticket, caller, body, visibility);
            }
        }
        if (ticket.status() == TicketStatus.CLOSED) {
            throw new Conflict("ticket '" + ticketId + "' is CLOSED and takes no more responses");
        }
        Response response = new Response(id, ticket.tenant(), ticket.id(), caller.subject(), body, visibility, now());
        try {
            store.addResponse(response);
        } catch (StaleVersionException e) {
            // Stored already: an SDK retry of this very write, or a concurrent request with the same key.
            Optional<Response> stored = store.findResponse(response.tenant(), response.ticketId(), response.id());
            if (stored.isEmpty()) {
                throw e;
            }
            return replay(stored.get(), ticket, caller, body, visibility);
        }
        touch(ticket, response.createdAt());
        return response;
    }

    private Response replay(Response stored, Ticket ticket, Identity caller, String body, Visibility visibility) {
        if (!stored.author().equals(caller.subject()) || !stored.body().equals(body)
                || stored.visibility() != visibility) {
            throw new Conflict("Idempotency-Key was already used for another response to ticket '" + ticket.id()
                    + "'; use a new key for a new response");
        }
        touch(ticket, stored.createdAt());
        return stored;
    }

    /** A UUID (name-based) of the tenant, ticket, caller and key: the same request always names the same id. */
    private static String keyedId(Identity caller, Ticket ticket, String key) {
        String name = "response\0" + ticket.tenant() + "\0" + ticket.id() + "\0" + caller.subject()
                + "\0" + key;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * A response is activity on the ticket: its {@code updatedAt} moves to the response's time (a
     * conditional write, retried on a concurrent change), so the workflow's "no activity since" rules
     * need only the ticket.
     */
    private void touch(Ticket ticket, Instant at) {
        Ticket current = ticket;
        for (int attempt = 0; attempt < 5; attempt++) {
            if (!current.updatedAt().isBefore(at) || current.status() == TicketStatus.CLOSED) {
                return;
            }
            try {
                store.update(current.changed(current.status(), current.priority(), current.assignee(), at),
                        current.version());
                return;
            } catch (StaleVersionException e) {
                telemetry.increment(Metrics.STORE_CONFLICTS, "ticket_touch");
                Optional<Ticket> reread = store.find(current.tenant(), current.id());
                if (reread.isEmpty()) {
                    return;
                }
                current = reread.get();
            }
        }
    }

    public Page<Response> responses(Identity caller, String ticketId, int limit, Optional<String> cursor) {
        Ticket ticket = get(caller, ticketId);
        Optional<ListPosition> after = listPosition(cursor);
        return Page.fromOverfetch(store.listResponses(new ResponseQuery(ticket.tenant(), ticket.id(), caller.isStaff(),
                after, limit + 1)), limit, response -> Cursors.position(ListPosition.of(response)));
    }

    private static Optional<ListPosition> listPosition(Optional<String> cursor) {
        try {
            return cursor.map(Cursors::listPosition);
        } catch (InvalidCursorException e) {
            throw new InvalidCursor("the cursor is not valid for this list: " + e.getMessage());
        }
    }

    public Response response(Identity caller, String ticketId, String responseId) {
        Ticket ticket = get(caller, ticketId);
        if (!Ids.isValid(responseId)) {
            throw new NotFound("ticket '" + ticketId + "' has no response '" + Ids.shown(responseId) + "'");
        }
        return store.findResponse(ticket.tenant(), ticket.id(), responseId)
                .filter(response -> caller.isStaff() || response.visibility() == Visibility.PUBLIC)
                .orElseThrow(() -> new NotFound("ticket '" + ticketId + "' has no response '" + responseId + "'"));
    }

    public NewAttachment declareAttachment(Identity caller, String ticketId, String fileName, String contentType,
                                           long size) {
        Ticket ticket = get(caller, ticketId);
        if (ticket.status() == TicketStatus.CLOSED) {
            throw new Conflict("ticket '" + ticketId + "' is CLOSED and takes no more attachments");
        }
        if (!settings.attachmentTypes().contains(contentType)) {
            throw new InvalidInput("field 'contentType' must be one of "
                    + new TreeSet<>(settings.attachmentTypes()) + ", got '" + contentType + "'");
        }
        if (size > settings.maxAttachmentBytes()) {
            throw new InvalidInput("field 'size' must be at most " + settings.maxAttachmentBytes()
                    + " bytes, got " + size);
        }
        String id = newId();
        String blobKey = AttachmentKeys.key(ticket.tenant(), ticket.id(), id);
        UploadUrl upload = blobs.signedUploadUrl(blobKey, contentType, size, settings.uploadUrlValidity());
        Attachment attachment = new Attachment(id, ticket.tenant(), ticket.id(), fileName, contentType, size, blobKey,
                now(), null, OcrStatus.NOT_STARTED, null, 1);
        insertOnce(() -> store.addAttachment(attachment),
                () -> store.findAttachment(attachment.tenant(), attachment.ticketId(), attachment.id()));
        return new NewAttachment(attachment, upload);
    }

    public Attachment attachment(Identity caller, String ticketId, String attachmentId) {
        Ticket ticket = get(caller, ticketId);
        if (!Ids.isValid(attachmentId)) {
            throw new NotFound("ticket '" + ticketId + "' has no attachment '" + Ids.shown(attachmentId) + "'");
        }
        return store.findAttachment(ticket.tenant(), ticket.id(), attachmentId)
                .orElseThrow(() -> new NotFound("ticket '" + ticketId + "' has no attachment '" + attachmentId + "'"));
    }

    /** The attachment's full extracted text (from blob storage once it is read), or the preview, or null. */
    public String attachmentText(Attachment attachment) {
        String key = attachment.ocr().resultKey();
        if (attachment.ocrStatus() != OcrStatus.DONE || key == null) {
            return attachment.ocrText();
        }
        return OcrResultBlob.text(blobs, key).orElse(attachment.ocrText());
    }

    /**
     * The full text of an attachment the caller may read.
     *
     * @throws Conflict until its text is read
     */
    public String readText(Identity caller, String ticketId, String attachmentId) {
        Attachment attachment = readAttachment(caller, ticketId, attachmentId);
        return Optional.ofNullable(attachmentText(attachment)).orElse("");
    }

    /**
     * The words of an attachment the caller may read, with their boxes, as hOCR.
     *
     * @throws Conflict until its text is read
     * @throws NotFound when it was read before words were kept
     */
    public String readHocr(Identity caller, String ticketId, String attachmentId) {
        Attachment attachment = readAttachment(caller, ticketId, attachmentId);
        return OcrResultBlob.hocr(blobs, attachment.ocr().resultKey()).orElseThrow(() -> new NotFound("attachment '"
                + attachmentId + "' was read before word boxes were kept; it has text only"));
    }

    /**
     * An attachment the caller may read whose text is read. One that is not read yet is a conflict
     * with its state (409), not a missing resource: the attachment exists, and 404 would say it does not.
     */
    private Attachment readAttachment(Identity caller, String ticketId, String attachmentId) {
        Attachment attachment = attachment(caller, ticketId, attachmentId);
        if (attachment.ocrStatus() != OcrStatus.DONE || attachment.ocr().resultKey() == null) {
            throw new Conflict("attachment '" + attachmentId + "' has no text yet: its OCR is "
                    + attachment.ocrStatus() + "; try again once ocr.status is DONE");
        }
        return attachment;
    }

    /**
     * A short-lived URL to download the searchable PDF of an attachment the caller may read.
     *
     * @throws Conflict when the attachment is not read yet
     * @throws NotFound when its reading made no searchable PDF
     */
    public DownloadUrl searchablePdf(Identity caller, String ticketId, String attachmentId) {
        Attachment attachment = attachment(caller, ticketId, attachmentId);
        if (attachment.ocrStatus() != OcrStatus.DONE || attachment.ocr().resultKey() == null) {
            throw new Conflict("attachment '" + attachmentId + "' has no searchable PDF yet: its OCR is "
                    + attachment.ocrStatus() + "; try again once ocr.status is DONE");
        }
        String pdf = OcrResultBlob.searchablePdfKey(attachment.ocr().resultKey());
        if (blobs.metadata(pdf).isEmpty()) {
            throw new NotFound("attachment '" + attachmentId + "' has no searchable PDF: it was read before they "
                    + "were made, or its images could not be embedded");
        }
        return blobs.signedDownloadUrl(pdf, DOWNLOAD_URL_VALIDITY);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Writes a new item under an id made a moment ago. When the store reports that id taken, the SDK
     * has retried a write whose first attempt landed but timed out on its way back (a fresh UUID is
     * taken by nobody else): the item is there, so the write succeeded.
     */
    private static void insertOnce(Runnable write, java.util.function.Supplier<? extends Optional<?>> readBack) {
        try {
            write.run();
        } catch (StaleVersionException e) {
            if (readBack.get().isEmpty()) {
                throw e;
            }
        }
    }
}
