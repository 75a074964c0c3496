package dev.supportdesk.ocr;

/**
 * The text of one page.
 *
 * @param source {@value #OCR} or {@value #TEXT_LAYER} (a PDF page's own text)
 * @param confidence the engine's mean word confidence, 0-100 (100 for a text layer)
 */
public record PageText(int page, String source, String text, int confidence, long millis) {

    public static final String OCR = "ocr";
    public static final String TEXT_LAYER = "text-layer";
}
