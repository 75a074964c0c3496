package dev.supportdesk.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The merge rules of the adaptive strategy, on words made up for the purpose. */
class AdaptiveReaderTest {

    private static TesseractEngine.Word word(String text, float confidence, int left, int top, int right, int bottom) {
        return new TesseractEngine.Word(text, confidence, left, top, right, bottom);
    }

    @Test
    void onlyConfidentWordsWhereTheKeptReadingHasNoneAreAdded() {
        List<TesseractEngine.Word> kept = List.of(word("That", 95, 100, 100, 180, 130), word("was", 95, 190, 100, 250, 130),
                // A frame read as one blank "word" covers nothing.
                word(" ", 95, 0, 0, 2000, 2500));
        List<TesseractEngine.Word> sparse = List.of(
                word("That", 96, 101, 99, 181, 131),   // already read
                word("1", 90, 20, 100, 40, 130),       // a line number the layout dropped
                word("~", 90, 20, 200, 40, 230),       // no letter or digit
                word("2", 40, 20, 300, 40, 330));      // not confident
        assertThat(AdaptiveReader.missing(kept, sparse)).extracting(TesseractEngine.Word::text).containsExactly("1");
    }

    @Test
    void confidentWordsHaveAConfidenceOf80AndALetterOrDigit() {
        List<TesseractEngine.Word> twenty = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> word("w" + i, 90, i * 50, 0, i * 50 + 40, 30)).toList();
        TesseractEngine.Reading kept = new TesseractEngine.Reading("", 90, twenty);
        assertThat(AdaptiveReader.good(kept)).isEqualTo(20);
        assertThat(AdaptiveReader.good(new TesseractEngine.Reading("", 90,
                List.of(word("x", 79, 0, 0, 10, 10), word("--", 95, 0, 0, 10, 10))))).isZero();
    }
}
