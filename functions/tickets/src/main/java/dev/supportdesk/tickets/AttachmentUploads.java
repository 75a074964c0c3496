package dev.supportdesk.tickets;

import dev.supportdesk.ports.BlobCreated;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles "blob created" events for attachment uploads: marks the attachment uploaded and its OCR
 * work pending. Idempotent: a repeated event finds the attachment already uploaded and does nothing.
 */
public final class AttachmentUploads implements Function<BlobCreated, AttachmentUploads.Outcome> {

    private static final Logger log = LoggerFactory.getLogger(AttachmentUploads.class);

    public enum Outcome { ATTACHED, ALREADY_ATTACHED, NOT_AN_ATTACHMENT_KEY, UNKNOWN_ATTACHMENT, LARGER_THAN_DECLARED }

    private final TicketStore store;
    private final Clock clock;

    public AttachmentUploads(TicketStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Outcome apply(BlobCreated event) {
        Optional<AttachmentKeys.AttachmentRef> ref = AttachmentKeys.parse(event.key());
        if (ref.isEmpty()) {
            log.warn("ignoring blob outside the uploads layout: {}", event.key());
            return Outcome.NOT_AN_ATTACHMENT_KEY;
        }
        Optional<Attachment> found = store.findAttachment(ref.get().tenant(), ref.get().ticketId(), ref.get().attachmentId());
        if (found.isEmpty()) {
            log.warn("no attachment declared for blob {}", event.key());
            return Outcome.UNKNOWN_ATTACHMENT;
        }
        Attachment attachment = found.get();
        if (attachment.uploaded()) {
            return Outcome.ALREADY_ATTACHED;
        }
        if (event.size() > attachment.size()) {
            log.warn("blob {} has {} bytes but {} were declared", event.key(), event.size(), attachment.size());
            return Outcome.LARGER_THAN_DECLARED;
        }
        try {
            store.updateAttachment(attachment.markUploaded(clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    event.etag().isEmpty() ? null : event.etag()), attachment.version());
            return Outcome.ATTACHED;
        } catch (StaleVersionException e) {
            return Outcome.ALREADY_ATTACHED;
        }
    }
}
