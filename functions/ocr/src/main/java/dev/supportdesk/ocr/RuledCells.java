package dev.supportdesk.ocr;

import java.util.ArrayList;
import java.util.List;
import net.sourceforge.lept4j.Pix;

/**
 * The cells of a ruled page: the page cut into bands at its horizontal rules, each band cut into cells
 * at the vertical rules that cross it from top to bottom. A ruled table or form read cell by cell keeps
 * each cell's text together, where automatic layout merges columns or drops them as "image".
 */
final class RuledCells {

    private RuledCells() {
    }

    /** A rule: a long thin run of ink, as its bounding box. */
    record Rule(int left, int top, int right, int bottom) {
    }

    /** One band between two horizontal rules, and its cells ({x, y, width, height}), left to right. */
    record Band(int top, int bottom, List<int[]> cells) {
    }

    /** The long thin components of a rule mask (not blocks of dark background). */
    static List<Rule> rules(Pix mask, int minLength) {
        List<Rule> rules = new ArrayList<>();
        for (int[] box : Boxes.components(mask)) {
            int longSide = Math.max(box[2], box[3]);
            int shortSide = Math.min(box[2], box[3]);
            if (longSide >= minLength && shortSide * 12 <= longSide) {
                rules.add(new Rule(box[0], box[1], box[0] + box[2], box[1] + box[3]));
            }
        }
        return rules;
    }

    /**
     * The bands between consecutive horizontal rules that are at least {@code minHeight} tall (a line of
     * text fits), within the horizontal extent of the two rules, each cut at the vertical rules that span
     * most of it. Double rules and rules a few pixels apart make no band.
     */
    static List<Band> bands(List<Rule> horizontal, List<Rule> vertical, int minHeight) {
        List<Rule> sorted = new ArrayList<>(horizontal);
        sorted.sort((a, b) -> Integer.compare(a.top(), b.top()));
        List<Band> bands = new ArrayList<>();
        for (int i = 0; i + 1 < sorted.size(); i++) {
            Rule above = sorted.get(i);
            // The next rule below that overlaps this one horizontally closes the band.
            for (int j = i + 1; j < sorted.size(); j++) {
                Rule below = sorted.get(j);
                int left = Math.max(above.left(), below.left());
                int right = Math.min(above.right(), below.right());
                if (right - left < (above.right() - above.left()) / 2) {
                    continue;
                }
                int top = above.bottom();
                int bottom = below.top();
                if (bottom - top >= minHeight) {
                    bands.add(new Band(top, bottom, cells(left, top, right, bottom, vertical, minHeight)));
                }
                break;
            }
        }
        return bands;
    }

    private static List<int[]> cells(int left, int top, int right, int bottom, List<Rule> vertical, int minWidth) {
        List<Integer> cuts = new ArrayList<>();
        cuts.add(left);
        vertical.stream()
                .filter(r -> r.left() > left && r.right() < right)
                .filter(r -> Math.min(r.bottom(), bottom) - Math.max(r.top(), top) >= (bottom - top) * 3 / 4)
                .map(r -> (r.left() + r.right()) / 2).sorted().forEach(cuts::add);
        cuts.add(right);
        List<int[]> cells = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.size(); i++) {
            int x0 = cuts.get(i);
            int x1 = cuts.get(i + 1);
            if (x1 - x0 >= minWidth) {
                cells.add(new int[] {x0, top, x1 - x0, bottom - top});
            }
        }
        return cells;
    }
}
