package dev.supportdesk.workflow;

/** The service rules the workflow applies, one stage of the workflow each. */
public enum Rule {
    /** OPEN or IN_PROGRESS tickets with no activity for the SLA of their priority go up one priority. */
    ESCALATE,
    /** RESOLVED tickets with no activity for the auto-close period are closed, telling the requester. */
    AUTO_CLOSE,
    /** Uploaded attachments stuck in PENDING/PROCESSING beyond the timeout get their OCR work again. */
    RETRY_OCR
}
