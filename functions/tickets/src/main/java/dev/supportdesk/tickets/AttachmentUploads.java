package dev.supportdesk.tickets;

import dev.supportdesk.telemetry.Metrics;
import dev.supportdesk.telemetry.Telemetry;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.ports.BlobMetadata;
import dev.supportdesk.ports.BlobStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records an attachment's upload from a "blob created" event, the one place every runtime's upload
 * passes before its content is accepted or read: content that is exactly what was declared (size,
 * leading bytes of the type; {@link UploadVerification}) is marked uploaded and its OCR work pending;
 * content that is not, or that replaces content already accepted, is quarantined with the reason on
 * the attachment and never read. Idempotent: a repeated event finds the attachment already recorded
 * and does nothing; an event about content that has since been overwritten is dropped before
 * anything is read.
 */
public final class AttachmentUploads {

    private static final Logger log = LoggerFactory.getLogger(AttachmentUploads.class);
    private static final int ATTEMPTS = 3;

    /**
     * What became of an event. The names follow one scheme for every blob-event outcome: the effect
     * ({@code ATTACHED}, {@code QUARANTINED}), {@code DUPLICATE} for a repeat, {@code STALE} for an
     * overtaken event, {@code IGNORED_*} for blobs that are not (or not yet, or no longer) ours.
     */
    public enum Outcome {
        ATTACHED, QUARANTINED, DUPLICATE, STALE, IGNORED_NOT_AN_ATTACHMENT_KEY, IGNORED_UNKNOWN_ATTACHMENT,
        IGNORED_QUARANTINED;

        /** Whether the attachment is uploaded after this event, so its text can be read. */
        public boolean uploaded() {
            return this == ATTACHED || this == DUPLICATE;
        }
    }

    private final TicketStore store;
    private final BlobStore blobs;
    private final UploadVerification verification;
    private final Clock clock;
    private final Telemetry telemetry;

    public AttachmentUploads(TicketStore store, BlobStore blobs, Clock clock) {
        this(store, blobs, clock, Telemetry.noop());
    }

    public AttachmentUploads(TicketStore store, BlobStore blobs, Clock clock, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.store = store;
        this.blobs = blobs;
        this.verification = new UploadVerification(blobs);
        this.clock = clock;
    }

    public Outcome record(BlobCreated event) {
        Optional<AttachmentKeys.AttachmentRef> ref = AttachmentKeys.parse(event.key());
        if (ref.isEmpty()) {
            log.warn("ignoring blob outside the uploads layout: {}", event.key());
            return Outcome.IGNORED_NOT_AN_ATTACHMENT_KEY;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return record(event, ref.get());
            } catch (StaleVersionException e) {
                telemetry.increment(Metrics.STORE_CONFLICTS, "attachment_uploaded");
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Outcome record(BlobCreated event, AttachmentKeys.AttachmentRef ref) {
        Optional<Attachment> found = store.findAttachment(ref.tenant(), ref.ticketId(), ref.attachmentId());
        if (found.isEmpty()) {
            log.warn("no attachment declared for blob {}", event.key());
            return Outcome.IGNORED_UNKNOWN_ATTACHMENT;
        }
        Attachment attachment = found.get();
        if (attachment.quarantined()) {
            return Outcome.IGNORED_QUARANTINED;
        }
        Optional<BlobMetadata> blob = current(event);
        if (blob.isEmpty()) {
            log.info("dropping event for {} at {}: the blob has been written or deleted since", event.key(), event.etag());
            return Outcome.STALE;
        }
        String etag = blob.get().etag();
        if (attachment.uploaded()) {
            String accepted = attachment.ocr().blobVersion();
            if (accepted != null && !etag.isEmpty() && !accepted.equals(etag)) {
                return quarantine(attachment, "the file was replaced after it had been accepted");
            }
            return Outcome.DUPLICATE;
        }
        Optional<String> problem = verification.problem(attachment, blob.get());
        if (!Objects.equals(current(event).map(BlobMetadata::etag), Optional.of(etag))) {
            log.info("dropping event for {}: the blob changed while it was checked", event.key());
            return Outcome.STALE;
        }
        if (problem.isPresent()) {
            return quarantine(attachment, problem.get());
        }
        store.updateAttachment(attachment.markUploaded(now(), etag.isEmpty() ? null : etag), attachment.version());
        return Outcome.ATTACHED;
    }

    private Outcome quarantine(Attachment attachment, String reason) {
        log.warn("quarantining {}: {}", attachment.blobKey(), reason);
        store.updateAttachment(attachment.withQuarantine(reason, now()), attachment.version());
        return Outcome.QUARANTINED;
    }

    /** The blob as it is now, if it is still the content the event is about (any content when it names none). */
    private Optional<BlobMetadata> current(BlobCreated event) {
        return blobs.metadata(event.key())
                .map(blob -> new BlobMetadata(blob.key(), blob.size(), blob.contentType(),
                        blob.etag() == null ? event.etag() : blob.etag().replace("\"", ""), blob.lastModified()))
                .filter(blob -> event.etag().isEmpty() || event.etag().equals(blob.etag()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
