package dev.supportdesk.tickets;

import java.time.Instant;

/**
 * A file attached to a ticket. It is declared first (name, type, size) and uploaded afterwards to
 * a short-lived URL; {@code uploadedAt} is set when the blob store reports the upload.
 */
public record Attachment(String id, String tenant, String ticketId, String fileName, String contentType,
                         long size, String blobKey, Instant createdAt, Instant uploadedAt,
                         OcrStatus ocrStatus, String ocrText, long version) {

    public boolean uploaded() {
        return uploadedAt != null;
    }

    public Attachment markUploaded(Instant at) {
        return new Attachment(id, tenant, ticketId, fileName, contentType, size, blobKey, createdAt, at,
                OcrStatus.PENDING, ocrText, version + 1);
    }
}
