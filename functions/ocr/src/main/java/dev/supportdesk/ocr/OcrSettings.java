package dev.supportdesk.ocr;

import java.time.Duration;

/**
 * How attachments' text extraction is run.
 *
 * @param lease how long a claim on an attachment's work holds before a retry may take it over
 * @param maxAttempts how many claims one content version gets before it is marked FAILED (poison documents)
 * @param previewChars how much text is kept on the attachment record itself
 */
public record OcrSettings(Duration lease, int maxAttempts, int previewChars) {
}
