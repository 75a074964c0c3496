package dev.supportdesk.workflow;

/**
 * Port: gives an attachment's OCR work to the OCR function again. The default runs it in the same
 * instance ({@code OcrService.process}); a runtime whose workflow steps run where the OCR engine is
 * not (AWS: the OCR function is a separate container image) provides a bean of this type.
 */
@FunctionalInterface
public interface OcrReemitter {

    void reemit(String tenant, String ticketId, String attachmentId, String blobKey);
}
