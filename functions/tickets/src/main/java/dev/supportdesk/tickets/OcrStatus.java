package dev.supportdesk.tickets;

/** Where the text extraction of an attachment stands (driven by the OCR function). */
public enum OcrStatus {
    NOT_STARTED, PENDING, PROCESSING, DONE, FAILED
}
