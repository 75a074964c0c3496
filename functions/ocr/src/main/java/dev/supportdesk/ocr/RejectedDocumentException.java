package dev.supportdesk.ocr;

/** A document the pipeline will not (or cannot) read; the message is the reason shown on the attachment. */
public class RejectedDocumentException extends RuntimeException {

    public RejectedDocumentException(String reason) {
        super(reason, null, false, false);
    }
}
