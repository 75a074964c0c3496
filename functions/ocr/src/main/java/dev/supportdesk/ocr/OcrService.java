package dev.supportdesk.ocr;

import dev.supportdesk.telemetry.Metrics;
import dev.supportdesk.telemetry.Telemetry;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.ports.BlobMetadata;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.AttachmentKeys;
import dev.supportdesk.tickets.OcrResultBlob;
import dev.supportdesk.tickets.OcrState;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.StaleVersionException;
import dev.supportdesk.tickets.TicketStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts an uploaded attachment's text with exactly one effect per content version, although blob
 * events come at least once, out of order and late:
 * <ul>
 *   <li>the work is claimed by a conditional write (PENDING → PROCESSING with a token, a lease and an
 *       attempt count), so of two concurrent deliveries only one runs the engine;</li>
 *   <li>an event whose ETag is not the blob's current one is about overwritten content and is dropped,
 *       and results are recorded with the content version they are for;</li>
 *   <li>the result is written conditionally on the claimed version, so a worker whose claim was taken
 *       over writes nothing;</li>
 *   <li>a worker that dies leaves PROCESSING with a lease; once it expires a retry claims again, and
 *       after {@code maxAttempts} claims the document is marked FAILED instead of tried forever.</li>
 * </ul>
 */
public final class OcrService {

    private static final Logger log = LoggerFactory.getLogger(OcrService.class);

    /**
     * What became of a piece of work, named as {@link dev.supportdesk.tickets.AttachmentUploads.Outcome}
     * names an upload's: effects ({@code DONE}, {@code FAILED}), {@code DUPLICATE}, {@code STALE},
     * {@code IGNORED_*}; plus {@code QUEUED} when an {@link OcrHandoff} left the work to another worker.
     */
    public enum Outcome {
        DONE, FAILED, DUPLICATE, STALE, IN_PROGRESS_ELSEWHERE, LOST_CLAIM, BLOB_MISSING, QUEUED,
        IGNORED_NOT_UPLOADED, IGNORED_UNKNOWN_ATTACHMENT, IGNORED_NOT_AN_ATTACHMENT_KEY
    }

    /** Reads a document's text; {@link OcrPipeline#extract} in production. */
    @FunctionalInterface
    public interface DocumentReader {
        OcrDocument read(byte[] document);
    }

    private final TicketStore store;
    private final BlobStore blobs;
    private final DocumentReader reader;
    private final OcrProperties settings;
    private final Clock clock;
    private final Telemetry telemetry;

    public OcrService(TicketStore store, BlobStore blobs, DocumentReader reader, OcrProperties settings, Clock clock) {
        this(store, blobs, reader, settings, clock, Telemetry.noop());
    }

    /** @param telemetry where documents by outcome, pages and engine time per page are reported */
    public OcrService(TicketStore store, BlobStore blobs, DocumentReader reader, OcrProperties settings, Clock clock,
                      Telemetry telemetry) {
        this.telemetry = telemetry;
        this.store = store;
        this.blobs = blobs;
        this.reader = reader;
        this.clock = clock;
        this.settings = settings;
    }

    public Outcome onBlobCreated(BlobCreated event) {
        Optional<AttachmentKeys.AttachmentRef> ref = AttachmentKeys.parse(event.key());
        if (ref.isEmpty()) {
            return Outcome.IGNORED_NOT_AN_ATTACHMENT_KEY;
        }
        return process(ref.get().tenant(), ref.get().ticketId(), ref.get().attachmentId(), event.etag());
    }

    /** Runs (or completes) the work of one attachment, whatever event led here; for retries and sweepers. */
    public Outcome process(String tenant, String ticketId, String attachmentId) {
        return process(tenant, ticketId, attachmentId, "");
    }

    private Outcome process(String tenant, String ticketId, String attachmentId, String eventEtag) {
        Outcome outcome = attempt(tenant, ticketId, attachmentId, eventEtag);
        telemetry.increment(Metrics.OCR_DOCUMENTS, outcome.name().toLowerCase(java.util.Locale.ROOT));
        return outcome;
    }

    private Outcome attempt(String tenant, String ticketId, String attachmentId, String eventEtag) {
        Optional<Attachment> found = store.findAttachment(tenant, ticketId, attachmentId);
        if (found.isEmpty()) {
            return Outcome.IGNORED_UNKNOWN_ATTACHMENT;
        }
        Attachment attachment = found.get();
        if (!attachment.uploaded()) {
            return Outcome.IGNORED_NOT_UPLOADED;
        }
        Optional<BlobMetadata> blob = blobs.metadata(attachment.blobKey());
        if (blob.isEmpty()) {
            return Outcome.BLOB_MISSING;
        }
        String current = blob.get().etag() == null ? eventEtag : blob.get().etag().replace("\"", "");
        if (!eventEtag.isEmpty() && !eventEtag.equals(current)) {
            log.info("dropping event for {} version {}: the blob is now at {}", attachment.blobKey(), eventEtag, current);
            return Outcome.STALE;
        }
        OcrState state = attachment.ocr();
        boolean sameContent = state.blobVersion() == null || Objects.equals(state.blobVersion(), current);
        Instant now = now();
        if (sameContent && (attachment.ocrStatus() == OcrStatus.DONE || attachment.ocrStatus() == OcrStatus.FAILED)) {
            return Outcome.DUPLICATE;
        }
        if (sameContent && attachment.ocrStatus() == OcrStatus.PROCESSING && state.leaseUntil() != null
                && now.isBefore(state.leaseUntil())) {
            return Outcome.IN_PROGRESS_ELSEWHERE;
        }
        OcrState base = sameContent ? state : OcrState.pending(current);
        if (base.blobVersion() == null) {
            base = new OcrState(current, null, null, base.attempts(), null, null, null, 0, 0, List.of(), null);
        }
        if (base.attempts() >= settings.maxAttempts()) {
            String reason = "gave up after " + base.attempts() + " attempts: reading the document never completed";
            return write(attachment, OcrStatus.FAILED, null, base.failed(now, reason), Outcome.FAILED);
        }
        OcrState claim = base.claimed(UUID.randomUUID().toString(), now, now.plus(settings.lease()),
                base.attempts() + 1);
        Attachment claimed = attachment.withOcr(OcrStatus.PROCESSING, null, claim);
        try {
            store.updateAttachment(claimed, attachment.version());
        } catch (StaleVersionException e) {
            telemetry.increment(Metrics.STORE_CONFLICTS, "ocr_claim");
            return Outcome.LOST_CLAIM;
        }
        return run(claimed, blob.get());
    }

    private Outcome run(Attachment claimed, BlobMetadata blob) {
        OcrState claim = claimed.ocr();
        OcrDocument document;
        byte[] content;
        try {
            content = read(claimed, blob);
            document = reader.read(content);
        } catch (RejectedDocumentException e) {
            log.info("attachment {} cannot be read: {}", claimed.blobKey(), e.getMessage());
            return write(claimed, OcrStatus.FAILED, null, claim.failed(now(), e.getMessage()), Outcome.FAILED);
        } catch (RuntimeException e) {
            release(claimed);
            throw e;
        }
        for (PageText page : document.pages()) {
            telemetry.increment(Metrics.OCR_PAGES, page.source());
            if (PageText.OCR.equals(page.source())) {
                telemetry.observe(Metrics.OCR_PAGE_DURATION, page.millis() / 1000.0);
            }
        }
        List<OcrResultBlob.PageResult> pages = document.pages().stream()
                .map(p -> new OcrResultBlob.PageResult(p.page(), p.source(), p.confidence(), p.millis(), p.text()))
                .toList();
        String key = OcrResultBlob.key(claimed, claim.blobVersion());
        OcrResultBlob.write(blobs, key, claim.blobVersion(), document.format().name(), document.millis(), pages);
        WordOutputs.write(blobs, key, content, document);
        List<OcrState.OcrPage> summary = document.pages().stream()
                .map(p -> new OcrState.OcrPage(p.page(), p.source(), p.confidence(), p.text().length(), p.millis()))
                .toList();
        String text = document.text();
        String preview = text.substring(0, Math.min(text.length(), settings.previewChars()));
        return write(claimed, OcrStatus.DONE, preview, claim.done(now(), document.millis(), summary, key), Outcome.DONE);
    }

    private byte[] read(Attachment attachment, BlobMetadata blob) {
        if (blob.size() > settings.maxBytes()) {
            throw new RejectedDocumentException("the file has " + blob.size() + " bytes; at most " + settings.maxBytes()
                    + " are read (supportdesk.ocr.max-bytes)");
        }
        try (InputStream in = blobs.get(attachment.blobKey()).orElseThrow(
                () -> new RejectedDocumentException("the uploaded file is gone from blob storage"))) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxBytes() + 1));
            if (bytes.length > settings.maxBytes()) {
                throw new RejectedDocumentException("the file has more than " + settings.maxBytes()
                        + " bytes (supportdesk.ocr.max-bytes)");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + attachment.blobKey(), e);
        }
    }

    private Outcome write(Attachment from, OcrStatus status, String text, OcrState state, Outcome outcome) {
        try {
            store.updateAttachment(from.withOcr(status, text, state), from.version());
            return outcome;
        } catch (StaleVersionException e) {
            telemetry.increment(Metrics.STORE_CONFLICTS, "ocr_result");
            log.info("attachment {} moved on while it was read; its result is not recorded", from.blobKey());
            return Outcome.LOST_CLAIM;
        }
    }

    /** Gives a claim back after a transient failure, so the platform's retry can claim it at once. */
    private void release(Attachment claimed) {
        try {
            store.updateAttachment(claimed.withOcr(OcrStatus.PENDING, null, claimed.ocr().released()), claimed.version());
        } catch (RuntimeException e) {
            log.warn("cannot release the claim on {}; it is taken over when its lease ends", claimed.blobKey(), e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
