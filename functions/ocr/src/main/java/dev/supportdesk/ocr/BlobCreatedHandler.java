package dev.supportdesk.ocr;

import dev.supportdesk.config.FunctionNames;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.tickets.AttachmentUploads;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@value FunctionNames#BLOB_CREATED} function, the one entry every runtime's blob trigger calls:
 * records the attachment's upload, then hands its text extraction to the {@link OcrHandoff}. A repeated
 * event is handed on again (the OCR work is idempotent, and a retry may be what finishes it); an
 * event that recorded nothing (a stale or foreign blob, or one quarantined by the upload check) is not.
 */
public final class BlobCreatedHandler implements Function<BlobCreated, BlobCreatedHandler.Outcome> {

    /** @param ocr what became of the text extraction; empty when the upload was not recorded */
    public record Outcome(AttachmentUploads.Outcome upload, Optional<OcrService.Outcome> ocr) {

        /** e.g. {@code ATTACHED, OCR DONE} or {@code STALE} */
        @Override
        public String toString() {
            return upload.name() + ocr.map(outcome -> ", OCR " + outcome.name()).orElse("");
        }
    }

    private final AttachmentUploads uploads;
    private final OcrHandoff ocr;

    public BlobCreatedHandler(AttachmentUploads uploads, OcrHandoff ocr) {
        this.uploads = uploads;
        this.ocr = ocr;
    }

    @Override
    public Outcome apply(BlobCreated event) {
        AttachmentUploads.Outcome upload = uploads.record(event);
        return new Outcome(upload, upload.uploaded() ? Optional.of(ocr.handOff(event)) : Optional.empty());
    }
}
