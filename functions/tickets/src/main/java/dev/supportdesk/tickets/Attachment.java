package dev.supportdesk.tickets;

import java.time.Instant;

/**
 * A file attached to a ticket. It is declared first (name, type, size) and uploaded afterwards to
 * a short-lived URL; {@code uploadedAt} is set when the blob store reports an upload that is what was
 * declared ({@link UploadVerification}). Content that is not, or that is replaced after it was
 * accepted, is quarantined: {@code quarantineReason} says why, and the content is never read. Its text
 * extraction is summed up by {@code ocrStatus}, {@code ocrText} (a preview; the full text lives in
 * the blob {@link OcrState#resultKey()}) and {@code ocr}.
 *
 * @param quarantineReason why the uploaded content was refused; null unless it was
 */
public record Attachment(String id, String tenant, String ticketId, String fileName, String contentType,
                         long size, String blobKey, Instant createdAt, Instant uploadedAt,
                         OcrStatus ocrStatus, String ocrText, long version, OcrState ocr, String quarantineReason) {

    public Attachment {
        ocr = ocr == null ? OcrState.NONE : ocr;
    }

    public Attachment(String id, String tenant, String ticketId, String fileName, String contentType, long size,
                      String blobKey, Instant createdAt, Instant uploadedAt, OcrStatus ocrStatus, String ocrText,
                      long version, OcrState ocr) {
        this(id, tenant, ticketId, fileName, contentType, size, blobKey, createdAt, uploadedAt, ocrStatus, ocrText,
                version, ocr, null);
    }

    public Attachment(String id, String tenant, String ticketId, String fileName, String contentType, long size,
                      String blobKey, Instant createdAt, Instant uploadedAt, OcrStatus ocrStatus, String ocrText,
                      long version) {
        this(id, tenant, ticketId, fileName, contentType, size, blobKey, createdAt, uploadedAt, ocrStatus, ocrText,
                version, OcrState.NONE);
    }

    /** Whether accepted content waits here to be read: uploaded, and not quarantined since. */
    public boolean uploaded() {
        return uploadedAt != null && !quarantined();
    }

    public boolean quarantined() {
        return quarantineReason != null;
    }

    /**
     * The next version with its content refused for {@code reason}; extraction that had not finished
     * fails for the same reason, so nothing waits for content that will never be read.
     */
    public Attachment withQuarantine(String reason, Instant at) {
        boolean unfinished = ocrStatus == OcrStatus.PENDING || ocrStatus == OcrStatus.PROCESSING;
        return new Attachment(id, tenant, ticketId, fileName, contentType, size, blobKey, createdAt, uploadedAt,
                unfinished ? OcrStatus.FAILED : ocrStatus, ocrText, version + 1,
                unfinished ? ocr.failed(at, "not read: " + reason) : ocr, reason);
    }

    public Attachment markUploaded(Instant at) {
        return markUploaded(at, null);
    }

    /** Uploaded content {@code blobVersion} (its ETag) now waits for text extraction. */
    public Attachment markUploaded(Instant at, String blobVersion) {
        return new Attachment(id, tenant, ticketId, fileName, contentType, size, blobKey, createdAt, at,
                OcrStatus.PENDING, null, version + 1, OcrState.pending(blobVersion), quarantineReason);
    }

    /** The next version of this attachment with a new extraction status. */
    public Attachment withOcr(OcrStatus status, String text, OcrState state) {
        return new Attachment(id, tenant, ticketId, fileName, contentType, size, blobKey, createdAt, uploadedAt,
                status, text, version + 1, state, quarantineReason);
    }
}
