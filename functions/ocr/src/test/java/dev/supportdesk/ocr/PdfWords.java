package dev.supportdesk.ocr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** The words PDFBox extracts from a PDF, with where they start (points, top-left origin, on the baseline). */
public final class PdfWords extends PDFTextStripper {

    /** An extracted word: its page (1-based), text, left edge, right edge and baseline in points from the top. */
    public record PdfWord(int page, String text, float left, float right, float baseline) {
    }

    private final List<PdfWord> words = new ArrayList<>();

    private PdfWords() {
        setSortByPosition(false);
    }

    public static List<PdfWord> of(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PdfWords stripper = new PdfWords();
            stripper.getText(document);
            return stripper.words;
        }
    }

    @Override
    protected void writeString(String text, List<TextPosition> positions) {
        StringBuilder word = new StringBuilder();
        TextPosition first = null;
        TextPosition last = null;
        for (TextPosition position : positions) {
            if (position.getUnicode().isBlank()) {
                add(word, first, last);
                word.setLength(0);
                first = null;
                continue;
            }
            if (first == null) {
                first = position;
            }
            last = position;
            word.append(position.getUnicode());
        }
        add(word, first, last);
    }

    private void add(StringBuilder word, TextPosition first, TextPosition last) {
        if (first != null && !word.isEmpty()) {
            words.add(new PdfWord(getCurrentPageNo(), word.toString(), first.getXDirAdj(),
                    last.getXDirAdj() + last.getWidthDirAdj(), first.getYDirAdj()));
        }
    }
}
