package dev.supportdesk.ocr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.lept4j.Pix;

/**
 * Reads a ruled page cell by cell ({@link RuledCells}): each cell as one uniform block of text (psm 6),
 * so that a column's entries or a form field's label and value stay together. The words keep their
 * page coordinates (the engine reads a cell as a rectangle of the whole page) and each band's words
 * are laid out as rows, top to bottom, left to right.
 */
final class CellReader {

    private static final int PSM_BLOCK = 6;

    private CellReader() {
    }

    /** The words read in the cells of {@code bands}, band by band, each band's words in rows. */
    static List<TesseractEngine.Word> read(TesseractEngine engine, Pix page, List<RuledCells.Band> bands,
                                           long deadline, Duration budget) {
        List<TesseractEngine.Word> words = new ArrayList<>();
        for (RuledCells.Band band : bands) {
            List<TesseractEngine.Word> inBand = new ArrayList<>();
            for (int[] cell : band.cells()) {
                inBand.addAll(engine.read(page, PSM_BLOCK, cell, deadline, budget).words());
            }
            Lines.of(inBand).forEach(words::addAll);
        }
        return words;
    }

    /** Whether the centre of {@code word} lies in one of the cells of {@code bands}. */
    static boolean inCells(TesseractEngine.Word word, List<RuledCells.Band> bands) {
        int cx = (word.left() + word.right()) / 2;
        int cy = (word.top() + word.bottom()) / 2;
        for (RuledCells.Band band : bands) {
            for (int[] cell : band.cells()) {
                if (cx >= cell[0] && cx < cell[0] + cell[2] && cy >= cell[1] && cy < cell[1] + cell[3]) {
                    return true;
                }
            }
        }
        return false;
    }
}
