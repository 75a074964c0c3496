package dev.supportdesk.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.lept4j.Leptonica;
import net.sourceforge.lept4j.Pix;
import org.junit.jupiter.api.Test;

/** Telling print made of specks, and joining the specks back into strokes. */
class SpeckledPrintTest {

    private static final Leptonica L = Leptonica.INSTANCE;

    private static List<int[]> boxes(int specks, int letters) {
        List<int[]> boxes = new ArrayList<>();
        for (int i = 0; i < specks; i++) {
            boxes.add(new int[] {i * 10, 0, 2, 3});
        }
        for (int i = 0; i < letters; i++) {
            boxes.add(new int[] {i * 30, 100, 14, 22});
        }
        return boxes;
    }

    @Test
    void aPageIsSpeckledWhenMostOfItsInkIsSpecks() {
        assertThat(SpeckledPrint.of(boxes(2500, 1700))).isTrue();
        // Dust, dots of i and full stops on a clean page.
        assertThat(SpeckledPrint.of(boxes(200, 1700))).isFalse();
        assertThat(SpeckledPrint.of(List.of())).isFalse();
    }

    @Test
    void smoothingJoinsADottedStrokeIntoOne() {
        // A 20 x 20 px block printed as dots two pixels apart, as a dithered scan prints a stroke.
        Pix grey = L.pixCreate(40, 40, 8);
        L.pixSetAllArbitrary(grey, 255);
        for (int y = 10; y < 30; y += 2) {
            for (int x = 10; x < 30; x += 2) {
                L.pixSetPixel(grey, x, y, 0);
            }
        }
        Pix smoothed = SpeckledPrint.smoothed(grey);
        Pix dotted = L.pixThresholdToBinary(grey, 128);
        Pix joined = L.pixThresholdToBinary(smoothed, 240);
        try {
            assertThat(Boxes.components(dotted)).hasSize(100);
            assertThat(Boxes.components(joined)).hasSize(1);
            assertThat(L.pixGetWidth(smoothed)).isEqualTo(40);
        } finally {
            for (Pix pix : List.of(grey, smoothed, dotted, joined)) {
                L.pixDestroy(new PointerByReference(pix.getPointer()));
            }
        }
    }
}
