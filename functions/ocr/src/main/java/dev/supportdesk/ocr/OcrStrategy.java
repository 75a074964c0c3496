package dev.supportdesk.ocr;

/**
 * How many passes a page gets ({@code supportdesk.ocr.strategy}).
 * <ul>
 * <li>{@code adaptive} (default): automatic layout first, then further passes only where the page
 * shows table rules or the engine reports weak or missing text, the better-scoring result kept
 * ({@link AdaptiveReader}). More accurate on tables, forms, charts and degraded scans.</li>
 * <li>{@code single-pass}: one pass in the configured page segmentation mode, exactly the tesseract
 * CLI's text for the same image: the fastest.</li>
 * </ul>
 */
public enum OcrStrategy {
    SINGLE_PASS,
    ADAPTIVE
}
