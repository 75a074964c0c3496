package dev.supportdesk.ocr;

import com.sun.jna.ptr.PointerByReference;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.lept4j.Leptonica;
import net.sourceforge.lept4j.Pix;

/**
 * The {@link OcrStrategy#ADAPTIVE} reading of one page: automatic layout first (today's single pass),
 * then more passes only where the image or the engine's own report says the first one failed, the
 * better-scoring result kept. All passes share the page's time budget. Every pass's words are
 * re-spaced where the recogniser joined words the ink shows apart ({@link WordSpacing}).
 * <ol>
 * <li>Pass 1: the page as decoded, automatic page segmentation (psm 3).</li>
 * <li>Weak first results (low mean word confidence, or many text-sized ink components outside every
 * word read) on ruled pages (leptonica finds long thin horizontal or vertical runs): the rules are painted
 * white in a grey copy; where they cut the page into cells ({@link RuledCells}) the cells are read one
 * by one ({@link CellReader}), otherwise the whole page is read again; table rules otherwise split or
 * swallow the text next to them. Kept when it yields clearly more confident words.</li>
 * <li>A still weak result on a page whose ink is mostly specks (dithered or halftoned print,
 * {@link SpeckledPrint}) is read again from the grey page smoothed, the dots joined into strokes; kept
 * when it yields clearly more confident words.</li>
 * <li>Where the result kept so far is weak (low mean word confidence) or leaves many text-sized ink
 * components outside its words (text the layout analysis dropped as "image": table columns, chart labels,
 * line numbers), a sparse-text pass (psm 11) reads the same pixels (for a confident result, only the
 * box around the ink it left out); kept when it yields clearly more confident words and the kept one
 * is weak in confidence (a confident reading is only completed, never replaced).</li>
 * <li>A still weak result in small print (median word height below {@value #SMALL_PRINT} px) is read
 * again from a copy scaled up twice, kept when it yields clearly more confident words.</li>
 * <li>The kept result is completed by the confident words of the other passes that lie where it has
 * none, each placed in the line it sits on, or as a line of its own where it belongs ({@link ReadingOrder}).</li>
 * </ol>
 * A word counts as confident at {@value #GOOD} or more and when it has a letter or digit. The result
 * carries its words in page pixels and reading order along with the text.
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
    /** Below this median word height (px), a weak page is also read scaled up twice. */
    static final int SMALL_PRINT = 20;
    private static final int PSM_AUTO = 3;
    private static final int PSM_SPARSE = 11;

    private static final Leptonica L = Leptonica.INSTANCE;

    private AdaptiveReader() {
    }

    /** What was read and how: the page's text, its words (page pixels, reading order) and the passes run. */
    record Result(String text, int confidence, List<TesseractEngine.Word> words, List<String> passes) {

        static Result of(TesseractEngine.Reading reading, List<String> passes) {
            return new Result(reading.text(), reading.confidence(), reading.words(), passes);
        }

        /** {@code reading} completed by {@code added}, each word placed in its line ({@link ReadingOrder}). */
        static Result of(TesseractEngine.Reading reading, List<TesseractEngine.Word> added, List<String> passes) {
            if (added.isEmpty()) {
                return of(reading, passes);
            }
            passes.add("added " + added.size() + " words");
            List<List<TesseractEngine.Word>> lines = ReadingOrder.place(reading.words(), added);
            return new Result(ReadingOrder.text(lines), reading.confidence(),
                    lines.stream().flatMap(List::stream).toList(), passes);
        }
    }

    static Result read(TesseractEngine engine, Pix pix, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<String> passes = new ArrayList<>();
        long started = System.nanoTime();
        TesseractEngine.Reading best = engine.read(pix, PSM_AUTO, deadline, budget);
        passes.add("auto good=" + good(best) + " conf=" + best.confidence() + since(started));
        // Every reading made, latest first: the kept one is completed by their confident words where it has none.
        List<TesseractEngine.Reading> readings = new ArrayList<>(List.of(best));
        List<Pix> owned = new ArrayList<>();
        started = System.nanoTime();
        try {
            Pix grey = own(owned, L.pixConvertTo8(pix, 0));
            Pix ink = own(owned, binarise(grey));
            int width = L.pixGetWidth(pix);
            int height = L.pixGetHeight(pix);
            int runs = Math.max(60, Math.min(width, height) / 20);
            Pix horizontal = own(owned, L.pixMorphSequence(ink, "o" + runs + ".1 + d1.5", 0));
            Pix vertical = own(owned, L.pixMorphSequence(ink, "o1." + runs + " + d5.1", 0));
            Pix rules = own(owned, L.pixOr(null, horizontal, vertical));
            List<RuledCells.Rule> across = RuledCells.rules(horizontal, runs);
            List<RuledCells.Rule> down = RuledCells.rules(vertical, runs);
            int ruleCount = across.size() + down.size();
            List<int[]> components = Boxes.components(own(owned, L.pixSubtract(null, ink, rules)));
            StrayInk stray = StrayInk.of(components, width, height, best.words());
            boolean speckled = SpeckledPrint.of(components);
            passes.add(String.format("rules=%d stray=%.3f%s", ruleCount, stray.share(), speckled ? " speckled" : "")
                    + since(started));
            boolean weak = best.confidence() < WEAK_CONFIDENCE || stray.share() > STRAY;
            Pix read = pix;
            if (weak && ruleCount > 0 && fraction(rules) < 0.3) {
                Pix unruled = own(owned, L.pixCopy(null, grey));
                L.pixSetMasked(unruled, rules, 255);
                // Where the rules cut the page into columns, it is read cell by cell (columns kept apart);
                // rules that only frame or underline text make no columns: the whole unruled page is read again.
                List<RuledCells.Band> bands = bands(best, across, down);
                TesseractEngine.Reading second;
                started = System.nanoTime();
                if (bands.stream().anyMatch(band -> band.cells().size() > 1)) {
                    second = cells(engine, unruled, best, bands, deadline, budget);
                    passes.add("cells in " + bands.size() + " bands (" + bands.stream().mapToInt(b -> b.cells().size())
                            .sum() + " cells) good=" + good(second) + " conf=" + second.confidence() + since(started));
                } else {
                    second = engine.read(unruled, PSM_AUTO, deadline, budget);
                    passes.add("unruled good=" + good(second) + " conf=" + second.confidence() + since(started));
                }
                readings.add(0, second);
                if (better(second, best)) {
                    best = second;
                    read = unruled;
                    passes.add("kept");
                }
                stray = StrayInk.of(components, width, height, best.words());
                passes.add(String.format("stray=%.3f", stray.share()));
                weak = best.confidence() < WEAK_CONFIDENCE || stray.share() > STRAY;
            }
            if (weak && speckled) {
                started = System.nanoTime();
                Pix smoothed = own(owned, SpeckledPrint.smoothed(read == pix ? grey : read));
                TesseractEngine.Reading joined = engine.read(smoothed, PSM_AUTO, deadline, budget);
                readings.add(0, joined);
                passes.add("smoothed good=" + good(joined) + " conf=" + joined.confidence() + since(started));
                if (better(joined, best)) {
                    passes.add("kept smoothed");
                    best = joined;
                    read = smoothed;
                    stray = StrayInk.of(components, width, height, best.words());
                    weak = best.confidence() < WEAK_CONFIDENCE || stray.share() > STRAY;
                }
            }
            if (weak) {
                // A confident reading is only completed: the sparse pass reads just the area of the ink it left out.
                boolean confident = best.confidence() >= WEAK_CONFIDENCE;
                int[] area = confident ? stray.area() : null;
                started = System.nanoTime();
                TesseractEngine.Reading sparse = engine.read(read, PSM_SPARSE, area, deadline, budget);
                readings.add(0, sparse);
                passes.add("sparse" + (area == null ? "" : String.format(" in %.0f%% of the page",
                        100.0 * area[2] * area[3] / ((double) width * height)))
                        + " good=" + good(sparse) + " conf=" + sparse.confidence() + since(started));
                if (!confident && better(sparse, best)) {
                    passes.add("kept sparse");
                    best = sparse;
                }
                List<TesseractEngine.Word> plausible = plausible(best.words());
                if (!plausible.isEmpty() && medianHeight(plausible) < SMALL_PRINT) {
                    // Small print: the engine reads text about 30 px tall best, so a copy scaled up
                    // is read as well; its words are mapped back to page pixels.
                    started = System.nanoTime();
                    Pix larger = own(owned, L.pixScale(read, 2f, 2f));
                    TesseractEngine.Reading scaled = halved(engine.read(larger, PSM_AUTO, deadline, budget));
                    readings.add(0, scaled);
                    passes.add("scaled x2 good=" + good(scaled) + " conf=" + scaled.confidence() + since(started));
                    if (better(scaled, best)) {
                        passes.add("kept scaled");
                        best = scaled;
                    }
                }
            }
            return Result.of(best, completion(best, readings), passes);
        } catch (RejectedDocumentException timedOut) {
            // A later pass ran out of the page's time: the page keeps what the earlier passes read.
            passes.add("out of time");
            return Result.of(best, completion(best, readings), passes);
        } catch (IllegalStateException analysisFailed) {
            // Leptonica could not analyse this image: the first pass's reading stands.
            passes.add("no analysis: " + analysisFailed.getMessage());
            return Result.of(best, passes);
        } finally {
            owned.forEach(p -> L.pixDestroy(new PointerByReference(p.getPointer())));
        }
    }

    /** The bands and cells the rules make, for text the size of the kept reading's; none without words. */
    private static List<RuledCells.Band> bands(TesseractEngine.Reading kept, List<RuledCells.Rule> across,
                                               List<RuledCells.Rule> down) {
        List<TesseractEngine.Word> plausible = plausible(kept.words());
        return plausible.isEmpty() ? List.of() : RuledCells.bands(across, down, medianHeight(plausible));
    }

    /** The page read cell by cell, the kept reading's words outside every cell added. */
    private static TesseractEngine.Reading cells(TesseractEngine engine, Pix unruled, TesseractEngine.Reading kept,
                                                 List<RuledCells.Band> bands, long deadline, Duration budget) {
        List<TesseractEngine.Word> words = new ArrayList<>(CellReader.read(engine, unruled, bands, deadline, budget));
        kept.words().stream().filter(w -> !CellReader.inCells(w, bands)).forEach(words::add);
        int confidence = (int) words.stream().filter(w -> !w.text().isBlank())
                .mapToDouble(TesseractEngine.Word::confidence).average().orElse(0);
        return new TesseractEngine.Reading(Lines.text(words), confidence,
                Lines.of(words).stream().flatMap(List::stream).toList());
    }

    private static String since(long started) {
        return " " + (System.nanoTime() - started) / 1_000_000 + " ms";
    }

    private static TesseractEngine.Reading halved(TesseractEngine.Reading reading) {
        return new TesseractEngine.Reading(reading.text(), reading.confidence(), reading.words().stream()
                .map(w -> new TesseractEngine.Word(w.text(), w.confidence(), w.left() / 2, w.top() / 2,
                        w.right() / 2, w.bottom() / 2)).toList());
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

    static int medianHeight(List<TesseractEngine.Word> words) {
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

    /**
     * The confident words of the other readings where {@code kept} and the words added before them have
     * none (latest reading first).
     */
    static List<TesseractEngine.Word> completion(TesseractEngine.Reading kept, List<TesseractEngine.Reading> readings) {
        List<TesseractEngine.Word> have = new ArrayList<>(kept.words());
        List<TesseractEngine.Word> added = new ArrayList<>();
        for (TesseractEngine.Reading other : readings) {
            if (other != kept) {
                List<TesseractEngine.Word> missing = missing(have, other.words());
                added.addAll(missing);
                have.addAll(missing);
            }
        }
        return added;
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
}
