package dev.supportdesk.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts back the spaces the recogniser dropped inside a word, from the gaps between its characters'
 * boxes. Tesseract's LSTM joins a number and a letter set a narrow space apart ({@code 13 A} read as
 * {@code 13A}, {@code Page: 4 of 8} as {@code Page:4of8}) although the ink shows the gap. A word is cut
 * where the gap between two characters is at least {@value #GAP} of the word's height and
 * {@value #SPACING} times the word's own widest gap elsewhere, and the characters change between digit
 * and letter, or follow a colon: within a run of letters or of digits wide gaps are normal (a tabular
 * {@code 1} has wide side bearings, {@code 08/16} spaces its slash), so those are never cut, and a
 * word spaced wide throughout ({@code 12/21E} in small print) is left whole.
 */
final class WordSpacing {

    static final double GAP = 0.3;
    static final double SPACING = 2;

    private WordSpacing() {
    }

    /** One recognised character and its box in page pixels. */
    record Symbol(String text, int left, int top, int right, int bottom) {
    }

    /** {@code word} as read, or cut into the words its character gaps show, each with its own box. */
    static List<TesseractEngine.Word> split(TesseractEngine.Word word, List<Symbol> symbols) {
        if (symbols.size() < 2) {
            return List.of(word);
        }
        int height = Math.max(1, word.bottom() - word.top());
        // The word's own letter spacing: the widest gap where no cut may fall.
        int spacing = 0;
        for (int i = 1; i < symbols.size(); i++) {
            if (!cuttable(symbols.get(i - 1).text(), symbols.get(i).text())) {
                spacing = Math.max(spacing, gap(symbols, i));
            }
        }
        List<TesseractEngine.Word> parts = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < symbols.size(); i++) {
            int gap = gap(symbols, i);
            if (gap >= GAP * height && gap >= SPACING * spacing
                    && cuttable(symbols.get(i - 1).text(), symbols.get(i).text())) {
                parts.add(part(word, symbols.subList(start, i)));
                start = i;
            }
        }
        if (parts.isEmpty()) {
            return List.of(word);
        }
        parts.add(part(word, symbols.subList(start, symbols.size())));
        return parts;
    }

    /** Whether {@code text} has a place where {@link #split} may cut it (so its characters are worth fetching). */
    static boolean mayCut(String text) {
        for (int i = 0; i + 1 < text.length(); i++) {
            if (cuttable(text.substring(i, i + 1), text.substring(i + 1, i + 2))) {
                return true;
            }
        }
        return false;
    }

    private static int gap(List<Symbol> symbols, int i) {
        return symbols.get(i).left() - symbols.get(i - 1).right();
    }

    private static boolean cuttable(String before, String after) {
        int a = before.codePointAt(before.length() - 1);
        int b = after.codePointAt(0);
        if (before.equals(":")) {
            return Character.isLetterOrDigit(b);
        }
        return Character.isDigit(a) && Character.isLetter(b) || Character.isLetter(a) && Character.isDigit(b);
    }

    private static TesseractEngine.Word part(TesseractEngine.Word word, List<Symbol> symbols) {
        StringBuilder text = new StringBuilder();
        symbols.forEach(s -> text.append(s.text()));
        return new TesseractEngine.Word(text.toString(), word.confidence(), symbols.get(0).left(), word.top(),
                symbols.get(symbols.size() - 1).right(), word.bottom());
    }
}
