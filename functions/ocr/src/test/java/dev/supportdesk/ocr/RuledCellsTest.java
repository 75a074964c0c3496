package dev.supportdesk.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How rules cut a page into bands and cells, on rules made up for the purpose. */
class RuledCellsTest {

    private static RuledCells.Rule across(int left, int y, int right) {
        return new RuledCells.Rule(left, y, right, y + 3);
    }

    private static RuledCells.Rule down(int x, int top, int bottom) {
        return new RuledCells.Rule(x, top, x + 3, bottom);
    }

    @Test
    void aTableIsCutIntoRowsAtItsRulesAndIntoColumnsAtTheRulesCrossingTheRow() {
        // A double rule on top, a header row, the body; two column rules cross both rows.
        List<RuledCells.Rule> across = List.of(across(100, 100, 900), across(100, 106, 900),
                across(100, 160, 900), across(100, 800, 900));
        List<RuledCells.Rule> down = List.of(down(400, 109, 800), down(650, 109, 800));
        List<RuledCells.Band> bands = RuledCells.bands(across, down, 30);
        assertThat(bands).extracting(RuledCells.Band::top, RuledCells.Band::bottom)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(109, 160), org.assertj.core.groups.Tuple.tuple(163, 800));
        assertThat(bands.get(1).cells()).extracting(cell -> cell[0]).containsExactly(100, 401, 651);
        assertThat(bands.get(1).cells()).extracting(cell -> cell[0] + cell[2]).containsExactly(401, 651, 900);
    }

    @Test
    void aVerticalRuleThatCrossesOnlyPartOfABandDoesNotCutIt() {
        List<RuledCells.Band> bands = RuledCells.bands(List.of(across(0, 0, 1000), across(0, 400, 1000)),
                List.of(down(500, 0, 100)), 30);
        assertThat(bands).singleElement().satisfies(band -> assertThat(band.cells()).hasSize(1));
    }

    @Test
    void rulesThatDoNotOverlapSideBySideMakeNoBand() {
        // Two short rules in different columns of a page: no band between them.
        assertThat(RuledCells.bands(List.of(across(0, 100, 300), across(600, 400, 900)), List.of(), 30)).isEmpty();
    }
}
