package dev.supportdesk.ocr;

import java.util.List;
import java.util.stream.Collectors;

/** A document's text, page by page, and what reading it cost. */
public record OcrDocument(DocumentFormat format, List<PageText> pages, long millis) {

    public OcrDocument {
        pages = List.copyOf(pages);
    }

    /** All pages, separated by form feeds as the tesseract CLI does. */
    public String text() {
        return pages.stream().map(PageText::text).collect(Collectors.joining("\f"));
    }
}
