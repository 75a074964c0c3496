package dev.supportdesk.local.blobs;

import dev.supportdesk.ocr.OcrHandoff;
import dev.supportdesk.ocr.OcrService;
import dev.supportdesk.ports.BlobCreated;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runtime's {@link OcrHandoff}: text extraction runs on a background pool, so an upload's
 * response does not wait for Tesseract, as the clouds deliver blob events asynchronously.
 */
public final class BackgroundOcrHandoff implements OcrHandoff, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackgroundOcrHandoff.class);

    private final OcrService ocr;
    private final ExecutorService background;

    public BackgroundOcrHandoff(OcrService ocr, int workers) {
        this.ocr = ocr;
        this.background = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("ocr-", 1).daemon().factory());
    }

    @Override
    public OcrService.Outcome handOff(BlobCreated uploaded) {
        background.execute(() -> {
            try {
                log.info("text extraction of {}: {}", uploaded.key(), ocr.onBlobCreated(uploaded));
            } catch (RuntimeException e) {
                log.warn("text extraction of {} failed; it stays retryable", uploaded.key(), e);
            }
        });
        return OcrService.Outcome.QUEUED;
    }

    @Override
    public void close() throws InterruptedException {
        background.shutdown();
        background.awaitTermination(30, TimeUnit.SECONDS);
    }
}
