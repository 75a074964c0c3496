package dev.supportdesk.ocr;

import java.util.List;
import net.sourceforge.lept4j.Leptonica;
import net.sourceforge.lept4j.Pix;

/**
 * Print made of specks: a dithered or halftoned scan (a fax, a copy of a printout) breaks each stroke
 * into dots, which the engine reads as ragged letters of low confidence. Told by the page's ink: most of
 * its components are specks of at most {@value #SPECK} x {@value #SPECK} px. A 3 x 3 mean filter on the
 * grey page joins the dots back into strokes before the engine binarises it.
 */
final class SpeckledPrint {

    static final int SPECK = 3;
    private static final Leptonica L = Leptonica.INSTANCE;

    private SpeckledPrint() {
    }

    /** Whether most of {@code components} ({x, y, width, height}) are specks. */
    static boolean of(List<int[]> components) {
        long specks = components.stream().filter(box -> box[2] <= SPECK && box[3] <= SPECK).count();
        return specks * 2 > components.size();
    }

    /** The grey page with each pixel the mean of its 3 x 3 neighbourhood (a new image). */
    static Pix smoothed(Pix grey) {
        return L.pixBlockconv(grey, 1, 1);
    }
}
