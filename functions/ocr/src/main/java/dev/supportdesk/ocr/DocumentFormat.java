package dev.supportdesk.ocr;

import dev.supportdesk.tickets.FileSignatures;
import java.util.Map;
import java.util.Optional;

/** The formats the pipeline reads, recognised by their magic bytes (never by file name or declared type). */
public enum DocumentFormat {
    PNG, JPEG, TIFF, PDF;

    private static final Map<String, DocumentFormat> BY_CONTENT_TYPE = Map.of(
            "image/png", PNG, "image/jpeg", JPEG, "image/tiff", TIFF, "application/pdf", PDF);

    public static Optional<DocumentFormat> detect(byte[] data) {
        return FileSignatures.contentTypeOf(data).map(BY_CONTENT_TYPE::get);
    }
}
