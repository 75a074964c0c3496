package dev.supportdesk.ocr;

import java.time.Duration;

/**
 * What the pipeline accepts. Everything is checked from headers before anything is decoded, so a
 * hostile file costs at most what these limits allow.
 *
 * @param maxBytes largest document
 * @param maxPages most pages (TIFF frames, PDF pages) per document
 * @param maxPixelsPerPage largest page area, in pixels, after decoding or rendering
 * @param maxSide longest page side, in pixels
 * @param maxInflatedBytes largest decompressed size of one PDF stream
 * @param timePerPage engine time allowed per page
 * @param pdfDpi resolution scanned PDF pages are rendered at (lowered for pages that would exceed the limits)
 */
public record OcrLimits(long maxBytes, int maxPages, long maxPixelsPerPage, int maxSide, long maxInflatedBytes,
                        Duration timePerPage, int pdfDpi) {

    public static final OcrLimits DEFAULTS = new OcrLimits(20L << 20, 50, 40_000_000L, 12_000, 256L << 20,
            Duration.ofSeconds(60), 300);
}
