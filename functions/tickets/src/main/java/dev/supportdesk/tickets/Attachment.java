package dev.supportdesk.tickets;

import java.time.Instant;

/**
 * A file attached to a ticket. It is declared first (name, type, size) and uploaded afterwards to
 * a short-lived URL; {@code uploadedAt} is set when the blob store reports the upload. Its text
 * extraction is summed up by {@code ocrStatus}, {@code ocrText} (a preview; the full text lives in
 * the blob {@link OcrState#resultKey()}) and {@code ocr}.
 */
public record Attachment(String id, String tenant, String ticketId, String fileName, String contentType,
                         long size, String blobKey, Instant createdAt, Instant uploadedAt,
                         OcrStatus ocrStatus, String ocrText, long version, OcrState ocr) {

    public Attachment {
        ocr = ocr == null ? OcrState.NONE : ocr;
    }

    public Attachment(String id, String tenant, String ticketId, String fileName, String contentType, long size,
                      String blobKey, Instant createdAt, Instant uploadedAt, OcrStatus ocrStatus, String ocrText,
                      long version) {
        this(id, tenant, ticketId, fileName, contentType, size, blobKey, createdAt, uploadedAt, ocrStatus, ocrText,
                version, OcrState.NONE);
    }

    public boolean uploaded() {
        return uploadedAt != null;
    }

    public Attachment markUploaded(Instant at) {
        return markUploaded(at, null);
    }

    /** Uploaded content {@code blobVersion} (its ETag) now waits for text extraction. */
    public Attachment markUploaded(Instant at, String blobVersion) {
        return new Attachment(id, tenant, ticketId, fileName, contentType, size, blobKey, createdAt, at,
                OcrStatus.PENDING, null, version + 1, OcrState.pending(blobVersion));
    }

    /** The next version of this attachment with a new extraction status. */
    public Attachment withOcr(OcrStatus status, String text, OcrState state) {
        return new Attachment(id, tenant, ticketId, fileName, contentType, size, blobKey, createdAt, uploadedAt,
                status, text, version + 1, state);
    }
}
