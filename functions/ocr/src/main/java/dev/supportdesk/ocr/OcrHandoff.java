package dev.supportdesk.ocr;

import dev.supportdesk.ports.BlobCreated;

/**
 * Where the text extraction of a recorded upload goes. By default it runs at once, in the same
 * invocation ({@link OcrService#onBlobCreated}); a runtime that wants it elsewhere (a background pool,
 * a Storage queue) declares a bean of this type, and the {@code blobCreated} function uses that one.
 */
@FunctionalInterface
public interface OcrHandoff {

    /**
     * @param uploaded the event of an attachment whose upload is recorded
     * @return the work's outcome when it ran here, {@link OcrService.Outcome#QUEUED} when it was left to
     *         another worker (which then calls {@link OcrService#onBlobCreated} with the same event)
     */
    OcrService.Outcome handOff(BlobCreated uploaded);
}
