package dev.supportdesk.ocr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Words laid out as text lines: grouped by vertical overlap, top to bottom, each line left to right. */
final class Lines {

    private Lines() {
    }

    static List<List<TesseractEngine.Word>> of(List<TesseractEngine.Word> words) {
        List<TesseractEngine.Word> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingInt(TesseractEngine.Word::top));
        List<List<TesseractEngine.Word>> lines = new ArrayList<>();
        for (TesseractEngine.Word word : sorted) {
            List<TesseractEngine.Word> line = lines.isEmpty() ? null : lines.get(lines.size() - 1);
            if (line != null) {
                TesseractEngine.Word first = line.get(0);
                int overlap = Math.min(first.bottom(), word.bottom()) - Math.max(first.top(), word.top());
                if (overlap * 2 >= Math.min(first.bottom() - first.top(), word.bottom() - word.top())) {
                    line.add(word);
                    continue;
                }
            }
            lines.add(new ArrayList<>(List.of(word)));
        }
        lines.forEach(line -> line.sort(Comparator.comparingInt(TesseractEngine.Word::left)));
        return lines;
    }

    /** The words as text: one line per line, a line break before each. */
    static String text(List<TesseractEngine.Word> words) {
        StringBuilder text = new StringBuilder();
        for (List<TesseractEngine.Word> line : of(words)) {
            text.append('\n').append(String.join(" ", line.stream().map(TesseractEngine.Word::text).toList()));
        }
        return text.append('\n').toString();
    }
}
