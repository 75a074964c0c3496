package dev.supportdesk.local.blobs;

import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.tickets.AttachmentUploads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for S3 notifications and Event Grid: a "blob created" event goes to
 * {@code attachmentUploaded} at once (the upload's response reports its outcome) and to
 * {@code ocrAttachment} in the background, as the clouds deliver it asynchronously.
 */
public final class BlobEvents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BlobEvents.class);

    private final Function<BlobCreated, AttachmentUploads.Outcome> attachmentUploaded;
    private final Function<BlobCreated, ?> ocrAttachment;
    private final ExecutorService background;

    public BlobEvents(Function<BlobCreated, AttachmentUploads.Outcome> attachmentUploaded,
                      Function<BlobCreated, ?> ocrAttachment, int workers) {
        this.attachmentUploaded = attachmentUploaded;
        this.ocrAttachment = ocrAttachment;
        this.background = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("ocr-", 1).daemon().factory());
    }

    public AttachmentUploads.Outcome emit(BlobCreated event) {
        AttachmentUploads.Outcome outcome = attachmentUploaded.apply(event);
        background.execute(() -> {
            try {
                log.info("text extraction of {}: {}", event.key(), ocrAttachment.apply(event));
            } catch (RuntimeException e) {
                log.warn("text extraction of {} failed; it stays retryable", event.key(), e);
            }
        });
        return outcome;
    }

    @Override
    public void close() throws InterruptedException {
        background.shutdown();
        background.awaitTermination(30, TimeUnit.SECONDS);
    }
}
