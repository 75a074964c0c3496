package dev.supportdesk.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Words of other passes placed in the kept reading's order, on words made up for the purpose. */
class ReadingOrderTest {

    private static TesseractEngine.Word word(String text, int left, int top, int right, int bottom) {
        return new TesseractEngine.Word(text, 90, left, top, right, bottom);
    }

    private static String placed(List<TesseractEngine.Word> kept, List<TesseractEngine.Word> added) {
        return ReadingOrder.text(ReadingOrder.place(kept, added));
    }

    @Test
    void aWordBesideAKeptLineJoinsItWhereItStands() {
        List<TesseractEngine.Word> kept = List.of(word("Q.", 200, 100, 240, 130), word("Yes.", 250, 100, 320, 130),
                word("A.", 200, 150, 240, 180), word("No.", 250, 150, 310, 180));
        List<TesseractEngine.Word> lineNumbers = List.of(word("2", 100, 152, 120, 178), word("1", 100, 101, 120, 129));
        assertThat(placed(kept, lineNumbers)).isEqualTo("1 Q. Yes.\n2 A. No.\n");
    }

    @Test
    void aWordBetweenTwoKeptWordsOfItsRowGoesBetweenThem() {
        List<TesseractEngine.Word> kept = List.of(word("Name", 0, 0, 100, 30), word("Total", 600, 0, 700, 30));
        assertThat(placed(kept, List.of(word("Amount", 300, 2, 420, 28)))).isEqualTo("Name Amount Total\n");
    }

    @Test
    void aLineOfItsOwnGoesBeforeTheFirstKeptLineBelowItInItsColumn() {
        // Two columns read one after the other; the added line belongs to the right one, between its lines.
        List<TesseractEngine.Word> kept = List.of(word("left1", 0, 0, 400, 30), word("left2", 0, 40, 400, 70),
                word("right1", 700, 0, 1100, 30), word("right3", 700, 80, 1100, 110));
        String text = placed(kept, List.of(word("right2", 700, 40, 1100, 70)));
        assertThat(text.replace("\n\n", "\n")).isEqualTo("left1\nleft2\nright1\nright2\nright3\n");
    }

    @Test
    void withNothingAddedTheLinesAreTheKeptReadingsOwn() {
        List<TesseractEngine.Word> kept = List.of(word("one", 0, 0, 50, 30), word("two", 60, 0, 110, 30),
                word("three", 0, 40, 90, 70));
        assertThat(ReadingOrder.lines(kept)).hasSize(2);
        assertThat(placed(kept, List.of())).isEqualTo("one two\nthree\n");
    }
}
