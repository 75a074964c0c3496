package dev.supportdesk.tickets;

import dev.supportdesk.telemetry.Metrics;
import dev.supportdesk.telemetry.Telemetry;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.ports.BlobMetadata;
import dev.supportdesk.ports.BlobStore;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records an attachment's upload from a "blob created" event: marks the attachment uploaded and its
 * OCR work pending. Idempotent: a repeated event finds the attachment already uploaded and does
 * nothing; an event about content that has since been overwritten is dropped before anything is read.
 */
public final class AttachmentUploads {

    private static final Logger log = LoggerFactory.getLogger(AttachmentUploads.class);

    /**
     * What became of an event. The names follow one scheme for every blob-event outcome: the effect
     * ({@code ATTACHED}), {@code DUPLICATE} for a repeat, {@code STALE} for an overtaken event,
     * {@code IGNORED_*} for blobs that are not (or not yet) ours, {@code REJECTED_*} for ones we refuse.
     */
    public enum Outcome {
        ATTACHED, DUPLICATE, STALE, IGNORED_NOT_AN_ATTACHMENT_KEY, IGNORED_UNKNOWN_ATTACHMENT,
        REJECTED_LARGER_THAN_DECLARED;

        /** Whether the attachment is uploaded after this event, so its text can be read. */
        public boolean uploaded() {
            return this == ATTACHED || this == DUPLICATE;
        }
    }

    private final TicketStore store;
    private final BlobStore blobs;
    private final Clock clock;
    private final Telemetry telemetry;

    public AttachmentUploads(TicketStore store, BlobStore blobs, Clock clock) {
        this(store, blobs, clock, Telemetry.noop());
    }

    public AttachmentUploads(TicketStore store, BlobStore blobs, Clock clock, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
    }

    public Outcome record(BlobCreated event) {
        Optional<AttachmentKeys.AttachmentRef> ref = AttachmentKeys.parse(event.key());
        if (ref.isEmpty()) {
            log.warn("ignoring blob outside the uploads layout: {}", event.key());
            return Outcome.IGNORED_NOT_AN_ATTACHMENT_KEY;
        }
        Optional<Attachment> found = store.findAttachment(ref.get().tenant(), ref.get().ticketId(), ref.get().attachmentId());
        if (found.isEmpty()) {
            log.warn("no attachment declared for blob {}", event.key());
            return Outcome.IGNORED_UNKNOWN_ATTACHMENT;
        }
        if (isStale(event)) {
            log.info("dropping event for {} at {}: the blob has been written since", event.key(), event.etag());
            return Outcome.STALE;
        }
        Attachment attachment = found.get();
        if (attachment.uploaded()) {
            return Outcome.DUPLICATE;
        }
        if (event.size() > attachment.size()) {
            log.warn("blob {} has {} bytes but {} were declared", event.key(), event.size(), attachment.size());
            return Outcome.REJECTED_LARGER_THAN_DECLARED;
        }
        try {
            store.updateAttachment(attachment.markUploaded(clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    event.etag().isEmpty() ? null : event.etag()), attachment.version());
            return Outcome.ATTACHED;
        } catch (StaleVersionException e) {
            telemetry.increment(Metrics.STORE_CONFLICTS, "attachment_uploaded");
            return Outcome.DUPLICATE;
        }
    }

    private boolean isStale(BlobCreated event) {
        if (event.etag().isEmpty()) {
            return false;
        }
        Optional<String> current = blobs.metadata(event.key()).map(BlobMetadata::etag).map(etag -> etag.replace("\"", ""));
        return current.isPresent() && !current.get().equals(event.etag());
    }
}
