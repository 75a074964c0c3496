package dev.supportdesk.ocr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A {@link PDFTextStripper} that, while it writes a page's text exactly as its parent does, keeps the
 * words it writes with their boxes: in points from the page's top-left corner (the page at 72 dpi),
 * split at blanks, confidence 100.
 */
final class TextLayerWords extends PDFTextStripper {

    private final List<TesseractEngine.Word> words = new ArrayList<>();

    /** The words of the text written since the last call. */
    List<TesseractEngine.Word> takeWords() {
        List<TesseractEngine.Word> taken = List.copyOf(words);
        words.clear();
        return taken;
    }

    @Override
    protected void writeString(String text, List<TextPosition> positions) throws IOException {
        super.writeString(text, positions);
        List<TextPosition> word = new ArrayList<>();
        for (TextPosition position : positions) {
            if (position.getUnicode() == null || position.getUnicode().isBlank()) {
                add(word);
                word.clear();
            } else {
                word.add(position);
            }
        }
        add(word);
    }

    private void add(List<TextPosition> word) {
        if (word.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        float left = Float.MAX_VALUE;
        float top = Float.MAX_VALUE;
        float right = -Float.MAX_VALUE;
        float bottom = -Float.MAX_VALUE;
        for (TextPosition position : word) {
            text.append(position.getUnicode());
            left = Math.min(left, position.getXDirAdj());
            right = Math.max(right, position.getXDirAdj() + position.getWidthDirAdj());
            top = Math.min(top, position.getYDirAdj() - position.getHeightDir());
            bottom = Math.max(bottom, position.getYDirAdj());
        }
        words.add(new TesseractEngine.Word(text.toString(), 100, Math.round(left), Math.round(top),
                Math.round(right), Math.round(bottom)));
    }
}
