package dev.supportdesk.ocr;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.PointerByReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.lept4j.Box;
import net.sourceforge.lept4j.Leptonica;
import net.sourceforge.lept4j.Pix;
import net.sourceforge.lept4j.util.LoadLibs;

/**
 * Reads a ruled page cell by cell ({@link RuledCells}): each cell as one uniform block of text (psm 6),
 * so that a column's entries or a form field's label and value stay together. The words keep their
 * page coordinates (the engine reads a cell as a rectangle of the whole page) and each band's words
 * are laid out as rows, top to bottom, left to right.
 */
final class CellReader {

    private static final int PSM_BLOCK = 6;
    private static final Leptonica L = Leptonica.INSTANCE;

    private CellReader() {
    }

    /** The words read in the cells of {@code bands}, band by band, each band's words in rows. */
    static List<TesseractEngine.Word> read(TesseractEngine engine, Pix page, List<RuledCells.Band> bands,
                                           long deadline, Duration budget) {
        List<TesseractEngine.Word> words = new ArrayList<>();
        for (RuledCells.Band band : bands) {
            List<TesseractEngine.Word> inBand = new ArrayList<>();
            for (int[] cell : band.cells()) {
                inBand.addAll(read(engine, page, cell, deadline, budget));
            }
            Lines.of(inBand).forEach(words::addAll);
        }
        return words;
    }

    /**
     * One cell, cut out of the page and read on its own, its words moved back to page pixels. Cheaper
     * than the whole page with a rectangle set: the engine copies the image it is given, once per cell.
     */
    private static List<TesseractEngine.Word> read(TesseractEngine engine, Pix page, int[] cell, long deadline,
                                                   Duration budget) {
        Box box = L.boxCreate(cell[0], cell[1], cell[2], cell[3]);
        Pix clip = Clip.API.pixClipRectangle(page, box, null);
        L.boxDestroy(new PointerByReference(box.getPointer()));
        if (clip == null) {
            return List.of();
        }
        try {
            return engine.read(clip, PSM_BLOCK, deadline, budget).words().stream()
                    .map(w -> new TesseractEngine.Word(w.text(), w.confidence(), w.left() + cell[0], w.top() + cell[1],
                            w.right() + cell[0], w.bottom() + cell[1]))
                    .toList();
        } finally {
            L.pixDestroy(new PointerByReference(clip.getPointer()));
        }
    }

    /** Leptonica's rectangle clip, which lept4j's interface mapping leaves out. */
    private interface Clip extends Library {
        Clip API = Native.load(LoadLibs.getLeptonicaLibName(), Clip.class);

        Pix pixClipRectangle(Pix pixs, Box box, PointerByReference pboxc);
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
