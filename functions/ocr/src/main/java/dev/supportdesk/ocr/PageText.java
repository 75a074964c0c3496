package dev.supportdesk.ocr;

import java.util.List;

/**
 * The text of one page, and its words where the engine read them.
 *
 * @param source {@value #OCR} or {@value #TEXT_LAYER} (a PDF page's own text)
 * @param confidence the engine's mean word confidence, 0-100 (100 for a text layer)
 * @param width the page's width in pixels as read (in points for a text-layer page)
 * @param height the page's height in pixels as read (in points for a text-layer page)
 * @param dpi the page's resolution as read, 0 when the image does not say (72 for a text-layer page)
 * @param words the page's words in reading order, boxes in page pixels (a text-layer page's in points,
 *              from PDFBox's text positions, confidence 100)
 */
public record PageText(int page, String source, String text, int confidence, long millis,
                       int width, int height, int dpi, List<TesseractEngine.Word> words) {

    public static final String OCR = "ocr";
    public static final String TEXT_LAYER = "text-layer";

    public PageText {
        words = List.copyOf(words);
    }

    /** A page without geometry or words. */
    public PageText(int page, String source, String text, int confidence, long millis) {
        this(page, source, text, confidence, millis, 0, 0, 0, List.of());
    }
}
