package dev.supportdesk.workflow;

/**
 * Port: gives an attachment's OCR work to the OCR function again. The default re-publishes the
 * neutral blob-created event through {@code attachmentUploaded}; the OCR entry point (issue 5)
 * replaces it with a bean of this type.
 */
@FunctionalInterface
public interface OcrReemitter {

    void reemit(String tenant, String ticketId, String attachmentId, String blobKey);
}
