package dev.supportdesk.ocr;

import com.sun.jna.ptr.PointerByReference;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.sourceforge.lept4j.Box;
import net.sourceforge.lept4j.Boxa;
import net.sourceforge.lept4j.Leptonica;
import net.sourceforge.lept4j.Pix;

/**
 * The {@link OcrStrategy#ADAPTIVE} reading of one page: automatic layout first (today's single pass),
 * then more passes only where the image or the engine's own report says the first one failed, the
 * better-scoring result kept. All passes share the page's time budget.
 * <ol>
 * <li>Pass 1: the page as decoded, automatic page segmentation (psm 3).</li>
 * <li>Weak first results (low mean word confidence, or many text-sized ink components outside every
 * word read) on ruled pages (leptonica finds long thin horizontal or vertical runs): the rules are painted
 * white in a grey copy and the page is read again; table rules otherwise split or swallow the text
 * next to them. Kept when it yields clearly more confident words.</li>
 * <li>Where the result kept so far is weak (low mean word confidence) or leaves many text-sized ink
 * components outside its words (text the layout analysis dropped as "image": table columns, chart labels,
 * line numbers), a sparse-text pass (psm 11) reads the same pixels (for a confident result, only the
 * box around the ink it left out); kept whole when it yields
 * clearly more confident words and the kept one is weak in confidence (a confident reading is only
 * completed, never replaced), and either way the other result's confident words that lie where
 * the kept one has none are added, in reading order, after the kept text.</li>
 * </ol>
 * A word counts as confident at {@value #GOOD} or more and when it has a letter or digit.
 */
final class AdaptiveReader {

    static final int GOOD = 80;
    /** A later pass replaces the kept one when it has this many times its confident words, plus {@link #SLACK}. */
    static final double BETTER = 1.05;
    static final int SLACK = 2;
    /** Below this mean word confidence, the further passes run. */
    static final int WEAK_CONFIDENCE = 85;
    /**
     * Above this share of text-sized ink components outside every word read, the first result is weak
     * (a few per cent are specks, logos and picture detail on any page).
     */
    static final double STRAY = 0.05;
    private static final int PSM_AUTO = 3;
    private static final int PSM_SPARSE = 11;

    private static final Leptonica L = Leptonica.INSTANCE;

    private AdaptiveReader() {
    }

    /**
     * What was read and how: the passes run, for logs, tests and the benchmark; the words in the
     * order of the text, boxes in page pixels.
     */
    record Result(String text, int confidence, List<String> passes, List<TesseractEngine.Word> words) {

        Result(TesseractEngine.Reading reading, List<String> passes) {
            this(reading.text(), reading.confidence(), passes, reading.words());
        }

        /** {@code kept}'s reading with {@code added} appended as lines after its text. */
        static Result completed(TesseractEngine.Reading kept, List<TesseractEngine.Word> added, List<String> passes) {
            List<TesseractEngine.Word> words = new ArrayList<>(kept.words());
            lineGroups(added).forEach(words::addAll);
            return new Result(kept.text() + lines(added), kept.confidence(), passes, words);
        }
    }

    static Result read(TesseractEngine engine, Pix pix, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<String> passes = new ArrayList<>();
        TesseractEngine.Reading best = engine.read(pix, PSM_AUTO, deadline, budget);
        passes.add("auto good=" + good(best) + " conf=" + best.confidence());
        List<Pix> owned = new ArrayList<>();
        try {
            Pix grey = own(owned, L.pixConvertTo8(pix, 0));
            Pix ink = own(owned, binarise(grey));
            int width = L.pixGetWidth(pix);
            int height = L.pixGetHeight(pix);
            int runs = Math.max(60, Math.min(width, height) / 20);
            Pix horizontal = own(owned, L.pixMorphSequence(ink, "o" + runs + ".1 + d1.5", 0));
            Pix vertical = own(owned, L.pixMorphSequence(ink, "o1." + runs + " + d5.1", 0));
            Pix rules = own(owned, L.pixOr(null, horizontal, vertical));
            int ruleCount = thinRules(horizontal, runs) + thinRules(vertical, runs);
            Pix text = own(owned, L.pixSubtract(null, ink, rules));
            Stray stray = stray(text, best.words(), owned);
            passes.add(String.format("rules=%d stray=%.3f", ruleCount, stray.share()));
            boolean weak = best.confidence() < WEAK_CONFIDENCE || stray.share() > STRAY;
            Pix read = pix;
            if (weak && ruleCount > 0 && fraction(rules) < 0.3) {
                Pix unruled = own(owned, L.pixCopy(null, grey));
                L.pixSetMasked(unruled, rules, 255);
                TesseractEngine.Reading second = engine.read(unruled, PSM_AUTO, deadline, budget);
                passes.add("unruled good=" + good(second) + " conf=" + second.confidence());
                if (better(second, best)) {
                    best = second;
                    read = unruled;
                    passes.add("kept unruled");
                    stray = stray(text, best.words(), owned);
                    passes.add(String.format("stray=%.3f", stray.share()));
                    weak = best.confidence() < WEAK_CONFIDENCE || stray.share() > STRAY;
                }
            }
            if (weak) {
                // A confident reading is only completed: the sparse pass reads just the area of the ink it left out.
                boolean confident = best.confidence() >= WEAK_CONFIDENCE;
                int[] area = confident ? stray.area() : null;
                TesseractEngine.Reading sparse = engine.read(read, PSM_SPARSE, area, deadline, budget);
                passes.add("sparse" + (area == null ? "" : String.format(" in %.0f%% of the page",
                        100.0 * area[2] * area[3] / ((double) width * height)))
                        + " good=" + good(sparse) + " conf=" + sparse.confidence());
                if (!confident && better(sparse, best)) {
                    passes.add("kept sparse");
                    List<TesseractEngine.Word> added = missing(sparse.words(), best.words());
                    passes.add("added " + added.size() + " words of the kept pass");
                    return Result.completed(sparse, added, passes);
                }
                List<TesseractEngine.Word> added = missing(best.words(), sparse.words());
                if (!added.isEmpty()) {
                    passes.add("added " + added.size() + " sparse words");
                    return Result.completed(best, added, passes);
                }
            }
            return new Result(best, passes);
        } catch (RejectedDocumentException timedOut) {
            // A later pass ran out of the page's time: the page keeps what the earlier passes read.
            passes.add("out of time");
            return new Result(best, passes);
        } catch (IllegalStateException analysisFailed) {
            // Leptonica could not analyse this image: the first pass's reading stands.
            passes.add("no analysis: " + analysisFailed.getMessage());
            return new Result(best, passes);
        } finally {
            owned.forEach(p -> L.pixDestroy(new PointerByReference(p.getPointer())));
        }
    }

    private static Pix own(List<Pix> owned, Pix pix) {
        if (pix == null) {
            throw new IllegalStateException("leptonica could not process the page");
        }
        owned.add(pix);
        return pix;
    }

    /** Otsu's threshold per large tile, as tesseract binarises: ink = 1. */
    private static Pix binarise(Pix grey) {
        PointerByReference binary = new PointerByReference();
        if (L.pixOtsuAdaptiveThreshold(grey, 2000, 2000, 0, 0, 0.0f, null, binary) != 0 || binary.getValue() == null) {
            return L.pixThresholdToBinary(grey, 128);
        }
        return new Pix(binary.getValue());
    }

    /** Components of the rule mask that are long and thin: lines, not blocks of dark background. */
    private static int thinRules(Pix rules, int runs) {
        Boxa boxes = L.pixConnCompBB(rules, 8);
        if (boxes == null) {
            return 0;
        }
        try {
            int count = 0;
            IntBuffer x = IntBuffer.allocate(1);
            IntBuffer y = IntBuffer.allocate(1);
            IntBuffer w = IntBuffer.allocate(1);
            IntBuffer h = IntBuffer.allocate(1);
            for (int i = 0, n = L.boxaGetCount(boxes); i < n; i++) {
                L.boxaGetBoxGeometry(boxes, i, x, y, w, h);
                int longSide = Math.max(w.get(0), h.get(0));
                int shortSide = Math.min(w.get(0), h.get(0));
                if (longSide >= runs && shortSide * 12 <= longSide) {
                    count++;
                }
            }
            return count;
        } finally {
            L.boxaDestroy(new PointerByReference(boxes.getPointer()));
        }
    }

    /** Text-sized ink components whose centre lies in no word read: text the layout analysis dropped. */
    /** The share of text-sized components outside every word, and the box around them (x, y, width, height). */
    record Stray(double share, int[] area) {
        static final Stray NONE = new Stray(0, null);
    }

    private static Stray stray(Pix text, List<TesseractEngine.Word> words, List<Pix> owned) {
        List<TesseractEngine.Word> plausible = plausible(words);
        if (plausible.isEmpty()) {
            return Stray.NONE;
        }
        int line = medianHeight(plausible);
        Boxa boxes = L.pixConnCompBB(text, 8);
        if (boxes == null) {
            return Stray.NONE;
        }
        try {
            int stray = 0;
            int left = Integer.MAX_VALUE;
            int top = Integer.MAX_VALUE;
            int right = 0;
            int bottom = 0;
            int all = 0;
            IntBuffer x = IntBuffer.allocate(1);
            IntBuffer y = IntBuffer.allocate(1);
            IntBuffer w = IntBuffer.allocate(1);
            IntBuffer h = IntBuffer.allocate(1);
            for (int i = 0, n = L.boxaGetCount(boxes); i < n; i++) {
                L.boxaGetBoxGeometry(boxes, i, x, y, w, h);
                if (h.get(0) * 2 < line || h.get(0) > line * 2 || w.get(0) > line * 3) {
                    continue;
                }
                all++;
                int cx = x.get(0) + w.get(0) / 2;
                int cy = y.get(0) + h.get(0) / 2;
                boolean inside = false;
                for (TesseractEngine.Word word : plausible) {
                    if (cx >= word.left() && cx <= word.right() && cy >= word.top() && cy <= word.bottom()) {
                        inside = true;
                        break;
                    }
                }
                if (!inside) {
                    stray++;
                    left = Math.min(left, x.get(0));
                    top = Math.min(top, y.get(0));
                    right = Math.max(right, x.get(0) + w.get(0));
                    bottom = Math.max(bottom, y.get(0) + h.get(0));
                }
            }
            if (stray == 0) {
                return Stray.NONE;
            }
            // A margin of a line around the stray ink, so the engine sees whole lines of it.
            int x0 = Math.max(0, left - line);
            int y0 = Math.max(0, top - line);
            int[] area = {x0, y0, Math.min(L.pixGetWidth(text), right + line) - x0,
                    Math.min(L.pixGetHeight(text), bottom + line) - y0};
            return new Stray((double) stray / all, area);
        } finally {
            L.boxaDestroy(new PointerByReference(boxes.getPointer()));
        }
    }

    private static double fraction(Pix binary) {
        FloatBuffer fraction = FloatBuffer.allocate(1);
        L.pixForegroundFraction(binary, fraction);
        return fraction.get(0);
    }

    /**
     * The words that stand for text: not blank, not hopeless, not far taller than the page's lines (a
     * frame or a picture read as one "word" says nothing of the text inside it).
     */
    static List<TesseractEngine.Word> plausible(List<TesseractEngine.Word> words) {
        List<TesseractEngine.Word> real = words.stream()
                .filter(w -> w.confidence() >= 50 && !w.text().isBlank()).toList();
        if (real.isEmpty()) {
            return real;
        }
        int tallest = 4 * medianHeight(real);
        return real.stream().filter(w -> w.bottom() - w.top() <= tallest).toList();
    }

    private static int medianHeight(List<TesseractEngine.Word> words) {
        int[] heights = words.stream().mapToInt(w -> w.bottom() - w.top()).sorted().toArray();
        return heights[heights.length / 2];
    }

    static int good(TesseractEngine.Reading reading) {
        int good = 0;
        for (TesseractEngine.Word word : reading.words()) {
            if (confident(word)) {
                good++;
            }
        }
        return good;
    }

    private static boolean confident(TesseractEngine.Word word) {
        return word.confidence() >= GOOD && word.text().codePoints().anyMatch(Character::isLetterOrDigit);
    }

    private static boolean better(TesseractEngine.Reading candidate, TesseractEngine.Reading kept) {
        return good(candidate) > good(kept) * BETTER + SLACK;
    }

    /** The confident words of {@code extra} whose centre lies in no word of {@code kept}. */
    static List<TesseractEngine.Word> missing(List<TesseractEngine.Word> keptWords, List<TesseractEngine.Word> extra) {
        List<TesseractEngine.Word> kept = plausible(keptWords);
        List<TesseractEngine.Word> missing = new ArrayList<>();
        for (TesseractEngine.Word word : extra) {
            if (!confident(word)) {
                continue;
            }
            int cx = (word.left() + word.right()) / 2;
            int cy = (word.top() + word.bottom()) / 2;
            boolean covered = false;
            for (TesseractEngine.Word other : kept) {
                if (cx >= other.left() && cx <= other.right() && cy >= other.top() && cy <= other.bottom()) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                missing.add(word);
            }
        }
        return missing;
    }

    /** Words as text lines: grouped by vertical overlap, top to bottom, left to right. */
    static String lines(List<TesseractEngine.Word> words) {
        StringBuilder text = new StringBuilder("\n");
        for (List<TesseractEngine.Word> line : lineGroups(words)) {
            text.append(String.join(" ", line.stream().map(TesseractEngine.Word::text).toList())).append('\n');
        }
        return text.toString();
    }

    /** Words as lines: grouped by vertical overlap, top to bottom, each line left to right. */
    static List<List<TesseractEngine.Word>> lineGroups(List<TesseractEngine.Word> words) {
        List<TesseractEngine.Word> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingInt(TesseractEngine.Word::top));
        List<List<TesseractEngine.Word>> lines = new ArrayList<>();
        for (TesseractEngine.Word word : sorted) {
            List<TesseractEngine.Word> line = lines.isEmpty() ? null : lines.get(lines.size() - 1);
            if (line != null) {
                TesseractEngine.Word first = line.get(0);
                int overlap = Math.min(first.bottom(), word.bottom()) - Math.max(first.top(), word.top());
                if (overlap * 2 >= Math.min(first.bottom() - first.top(), word.bottom() - word.top())) {
                    line.add(word);
                    continue;
                }
            }
            lines.add(new ArrayList<>(List.of(word)));
        }
        lines.forEach(line -> line.sort(Comparator.comparingInt(TesseractEngine.Word::left)));
        return lines;
    }
}
