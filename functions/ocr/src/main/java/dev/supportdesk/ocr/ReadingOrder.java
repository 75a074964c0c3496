package dev.supportdesk.ocr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Words that other passes found, placed where they belong in the kept reading: into the kept line they
 * sit on (a deposition's line number before its line, a table's dropped cell between its neighbours), or,
 * where no kept line runs beside them, as a line of their own before the first kept line below them in
 * the same column.
 */
final class ReadingOrder {

    /** How far (in word heights) an added word may stand from a kept line to join it. */
    static final int NEAR = 6;

    private ReadingOrder() {
    }

    /** The kept words (in reading order) with the added ones placed, as lines in reading order. */
    static List<List<TesseractEngine.Word>> place(List<TesseractEngine.Word> kept, List<TesseractEngine.Word> added) {
        List<List<TesseractEngine.Word>> lines = lines(kept);
        for (List<TesseractEngine.Word> addedLine : Lines.of(added)) {
            List<TesseractEngine.Word> beside = beside(lines, addedLine.get(0));
            if (beside != null) {
                beside.addAll(addedLine);
                beside.sort(Comparator.comparingInt(TesseractEngine.Word::left));
            } else {
                lines.add(before(lines, addedLine), new ArrayList<>(addedLine));
            }
        }
        return lines;
    }

    /** Lines as text: words one space apart, a line break per line, a blank line where a new block starts. */
    static String text(List<List<TesseractEngine.Word>> lines) {
        StringBuilder text = new StringBuilder();
        List<TesseractEngine.Word> previous = null;
        for (List<TesseractEngine.Word> line : lines) {
            List<String> words = line.stream().map(TesseractEngine.Word::text).filter(w -> !w.isBlank()).toList();
            if (words.isEmpty()) {
                continue;
            }
            if (previous != null) {
                text.append(newBlock(previous, line) ? "\n\n" : "\n");
            }
            text.append(String.join(" ", words));
            previous = line;
        }
        return text.append('\n').toString();
    }

    /** Words in reading order cut into lines: a line goes on while words overlap vertically and move right. */
    static List<List<TesseractEngine.Word>> lines(List<TesseractEngine.Word> inOrder) {
        List<List<TesseractEngine.Word>> lines = new ArrayList<>();
        List<TesseractEngine.Word> line = null;
        for (TesseractEngine.Word word : inOrder) {
            TesseractEngine.Word last = line == null ? null : line.get(line.size() - 1);
            if (last == null || word.left() < last.left() || !sameRow(last, word)) {
                line = new ArrayList<>();
                lines.add(line);
            }
            line.add(word);
        }
        return lines;
    }

    /**
     * The kept line on the same row as {@code word} nearest to it, no further than {@value #NEAR} times its
     * height (further off, the row is another column's); none if there is no such line.
     */
    private static List<TesseractEngine.Word> beside(List<List<TesseractEngine.Word>> lines, TesseractEngine.Word word) {
        List<TesseractEngine.Word> nearest = null;
        int distance = NEAR * (word.bottom() - word.top()) + 1;
        for (List<TesseractEngine.Word> line : lines) {
            if (line.stream().anyMatch(w -> !w.text().isBlank() && sameRow(w, word))) {
                int gap = Math.max(0, Math.max(left(line) - word.right(), word.left() - right(line)));
                if (gap < distance) {
                    distance = gap;
                    nearest = line;
                }
            }
        }
        return nearest;
    }

    /** Where a line of its own goes: before the first kept line below it in its column, else at the end. */
    private static int before(List<List<TesseractEngine.Word>> lines, List<TesseractEngine.Word> added) {
        int left = left(added);
        int right = right(added);
        int top = added.get(0).top();
        for (int i = 0; i < lines.size(); i++) {
            List<TesseractEngine.Word> line = lines.get(i);
            if (left(line) < right && left < right(line) && line.get(0).top() > top) {
                return i;
            }
        }
        return lines.size();
    }

    private static boolean newBlock(List<TesseractEngine.Word> previous, List<TesseractEngine.Word> line) {
        int height = Math.max(1, previous.get(0).bottom() - previous.get(0).top());
        int gap = line.get(0).top() - previous.get(0).bottom();
        return gap < 0 || gap > height;
    }

    private static boolean sameRow(TesseractEngine.Word a, TesseractEngine.Word b) {
        int overlap = Math.min(a.bottom(), b.bottom()) - Math.max(a.top(), b.top());
        return overlap * 2 >= Math.min(a.bottom() - a.top(), b.bottom() - b.top());
    }

    private static int left(List<TesseractEngine.Word> line) {
        return line.stream().mapToInt(TesseractEngine.Word::left).min().orElse(0);
    }

    private static int right(List<TesseractEngine.Word> line) {
        return line.stream().mapToInt(TesseractEngine.Word::right).max().orElse(0);
    }
}
