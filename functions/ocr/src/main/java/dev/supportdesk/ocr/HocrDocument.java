package dev.supportdesk.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * A document's words as hOCR 1.2 (the OCR interchange format: XHTML with {@code ocr_page},
 * {@code ocr_line} and {@code ocrx_word} elements carrying {@code bbox} and {@code x_wconf} in their
 * titles), laid out as the tesseract CLI's {@code hocr} output without its block and paragraph levels
 * ({@code ocr_carea}, {@code ocr_par}). Boxes are in page pixels, top-left origin; a text-layer PDF
 * page's in points.
 */
public final class HocrDocument {

    public static final String MEDIA_TYPE = "text/vnd.hocr+html";

    private HocrDocument() {
    }

    public static String of(OcrDocument document) {
        StringBuilder html = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
                    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
                <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
                 <head>
                  <title></title>
                  <meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>
                  <meta name="ocr-system" content="supportdesk (tesseract 5 through Tess4J)"/>
                  <meta name="ocr-capabilities" content="ocr_page ocr_line ocrx_word ocrp_wconf"/>
                 </head>
                 <body>
                """);
        for (PageText page : document.pages()) {
            page(html, page);
        }
        return html.append(" </body>\n</html>\n").toString();
    }

    private static void page(StringBuilder html, PageText page) {
        int number = page.page();
        html.append("  <div class=\"ocr_page\" id=\"page_").append(number).append("\" title=\"bbox 0 0 ")
                .append(page.width()).append(' ').append(page.height()).append("; ppageno ").append(number - 1);
        if (page.dpi() > 0) {
            html.append("; scan_res ").append(page.dpi()).append(' ').append(page.dpi());
        }
        html.append("\">\n");
        int lineNumber = 0;
        int wordNumber = 0;
        for (List<TesseractEngine.Word> line : lines(page.words())) {
            lineNumber++;
            html.append("   <span class=\"ocr_line\" id=\"line_").append(number).append('_').append(lineNumber)
                    .append("\" title=\"bbox ").append(box(line)).append("\">");
            for (TesseractEngine.Word word : line) {
                wordNumber++;
                html.append("<span class=\"ocrx_word\" id=\"word_").append(number).append('_').append(wordNumber)
                        .append("\" title=\"bbox ").append(word.left()).append(' ').append(word.top()).append(' ')
                        .append(word.right()).append(' ').append(word.bottom()).append("; x_wconf ")
                        .append(Math.round(word.confidence())).append("\">").append(escape(word.text().strip()))
                        .append("</span> ");
            }
            html.setLength(html.length() - 1);
            html.append("</span>\n");
        }
        html.append("  </div>\n");
    }

    /**
     * The words as the engine's text lines: a word starts a new line when it goes back to the left of
     * the previous one or does not share half its height with the line.
     */
    static List<List<TesseractEngine.Word>> lines(List<TesseractEngine.Word> words) {
        List<List<TesseractEngine.Word>> lines = new ArrayList<>();
        List<TesseractEngine.Word> line = null;
        for (TesseractEngine.Word word : words) {
            if (word.text().isBlank()) {
                continue;
            }
            if (line == null || !continues(line.get(line.size() - 1), word)) {
                line = new ArrayList<>();
                lines.add(line);
            }
            line.add(word);
        }
        return lines;
    }

    private static boolean continues(TesseractEngine.Word previous, TesseractEngine.Word next) {
        int overlap = Math.min(previous.bottom(), next.bottom()) - Math.max(previous.top(), next.top());
        int smaller = Math.min(previous.bottom() - previous.top(), next.bottom() - next.top());
        return next.left() >= previous.left() && overlap * 2 >= smaller;
    }

    private static String box(List<TesseractEngine.Word> line) {
        int left = Integer.MAX_VALUE;
        int top = Integer.MAX_VALUE;
        int right = Integer.MIN_VALUE;
        int bottom = Integer.MIN_VALUE;
        for (TesseractEngine.Word word : line) {
            left = Math.min(left, word.left());
            top = Math.min(top, word.top());
            right = Math.max(right, word.right());
            bottom = Math.max(bottom, word.bottom());
        }
        return left + " " + top + " " + right + " " + bottom;
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }
}
