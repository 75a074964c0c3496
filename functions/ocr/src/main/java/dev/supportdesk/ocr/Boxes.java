package dev.supportdesk.ocr;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.lept4j.Boxa;
import net.sourceforge.lept4j.Leptonica;
import net.sourceforge.lept4j.Pix;

/**
 * The boxes of a page's connected components, read straight from leptonica's memory: one library call
 * per box would cost tens of microseconds each (JNA's interface mapping), and a page with a picture has
 * thousands of components.
 */
final class Boxes {

    private static final Leptonica L = Leptonica.INSTANCE;

    private Boxes() {
    }

    /** The bounding boxes ({x, y, width, height}) of the 8-connected components of a binary image. */
    static List<int[]> components(Pix binary) {
        Boxa boxa = L.pixConnCompBB(binary, 8);
        if (boxa == null) {
            return List.of();
        }
        try {
            boxa.read();
            List<int[]> boxes = new ArrayList<>(boxa.n);
            if (boxa.n > 0) {
                for (Pointer box : boxa.box.getPointer().getPointerArray(0, boxa.n)) {
                    boxes.add(box.getIntArray(0, 4));
                }
            }
            return boxes;
        } finally {
            L.boxaDestroy(new PointerByReference(boxa.getPointer()));
        }
    }
}
