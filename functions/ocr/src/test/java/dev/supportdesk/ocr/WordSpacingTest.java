package dev.supportdesk.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a word is cut into the words its character gaps show, on boxes measured on corpus pages. */
class WordSpacingTest {

    /** A word of height 30 from its characters, each 10 px wide, after the given gaps. */
    private static List<String> split(String characters, int... gaps) {
        List<WordSpacing.Symbol> symbols = new ArrayList<>();
        int x = 100;
        for (int i = 0; i < characters.length(); i++) {
            x += i == 0 ? 0 : gaps[i - 1];
            symbols.add(new WordSpacing.Symbol(characters.substring(i, i + 1), x, 200, x + 10, 230));
            x += 10;
        }
        TesseractEngine.Word word = new TesseractEngine.Word(characters, 90, 100, 200, x, 230);
        return WordSpacing.split(word, symbols).stream().map(TesseractEngine.Word::text).toList();
    }

    @Test
    void aNumberAndALetterAVisibleSpaceApartAreTwoWords() {
        assertThat(split("13A", 3, 12)).containsExactly("13", "A");
        assertThat(split("B-14A", 3, 4, 3, 10)).containsExactly("B-14", "A");
    }

    @Test
    void aColonFollowedByAGapEndsAWord() {
        assertThat(split("Page:4of8", 3, 1, 4, 5, 12, 12, 2, 11)).containsExactly("Page:", "4", "of", "8");
    }

    @Test
    void wideGapsWithinDigitsOrLettersNeverCut() {
        // A tabular 1 has wide side bearings; the slash of a date is spaced.
        assertThat(split("USCA11", 5, 4, 2, 5, 13)).containsExactly("USCA11");
        assertThat(split("08/16", 3, 11, 11, 3)).containsExactly("08/16");
    }

    @Test
    void aWordSpacedWideThroughoutStaysWhole() {
        // Small print: the gap before the letter is no wider than the word's other gaps.
        assertThat(split("12/21E", 8, 3, 2, 5, 10)).containsExactly("12/21E");
    }

    @Test
    void narrowGapsNeverCut() {
        assertThat(split("4B", 5)).containsExactly("4B");
    }

    @Test
    void onlyWordsWhereDigitsAndLettersMeetOrAColonIsFollowedAreWorthTheirCharacters() {
        assertThat(List.of("13A", "B-14A", "Page:4of8", "x:y")).allMatch(WordSpacing::mayCut);
        assertThat(List.of("1234", "Deposition", "08/16", "Page:", "a", "")).noneMatch(WordSpacing::mayCut);
    }
}
