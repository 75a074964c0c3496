package dev.supportdesk.ocr;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.lept4j.Pix;
import net.sourceforge.tess4j.ITessAPI;
import net.sourceforge.tess4j.TessAPI;
import net.sourceforge.tess4j.util.LoadLibs;

/**
 * One tesseract instance (the C API through Tess4J) with its language model loaded. Not thread-safe:
 * {@link EnginePool} lends each engine to one thread at a time. Expensive to create (it loads the
 * trained data), so instances live as long as the process.
 */
public final class TesseractEngine implements AutoCloseable {

    /** Interface mapping: symbols are looked up on first call, so a libtesseract older than Tess4J's works. */
    private static final TessAPI API = LoadLibs.getTessAPIInstance();
    private static final int OEM_DEFAULT = 3;

    private static final int RIL_PARA = 1;
    private static final int RIL_TEXTLINE = 2;
    private static final int RIL_WORD = 3;
    private static final int RIL_SYMBOL = 4;

    private final ITessAPI.TessBaseAPI handle;
    private final int pageSegMode;

    public TesseractEngine(String tessdata, String languages, int pageSegMode) {
        this.pageSegMode = pageSegMode;
        handle = API.TessBaseAPICreate();
        if (API.TessBaseAPIInit2(handle, tessdata, languages, OEM_DEFAULT) != 0) {
            API.TessBaseAPIDelete(handle);
            throw new IllegalStateException("tesseract cannot load languages '" + languages + "' from " + tessdata);
        }
        API.TessBaseAPISetPageSegMode(handle, pageSegMode);
    }

    /** Reads a page decoded by leptonica, exactly as the tesseract CLI hands it to the engine; the CLI's text. */
    public Reading recognize(Pix pix, Duration timeLimit) {
        API.TessBaseAPISetImage2(handle, pix);
        return recognize(timeLimit);
    }

    /** Reads an 8-bit grey page rendered at {@code dpi}. */
    public Reading recognizeGrey(ByteBuffer pixels, int width, int height, int bytesPerLine, int dpi,
                                    Duration timeLimit) {
        API.TessBaseAPISetImage(handle, pixels, width, height, 1, bytesPerLine);
        API.TessBaseAPISetSourceResolution(handle, dpi);
        return recognize(timeLimit);
    }

    private Reading recognize(Duration timeLimit) {
        ITessAPI.ETEXT_DESC monitor = API.TessMonitorCreate();
        try {
            API.TessMonitorSetDeadlineMSecs(monitor, (int) Math.min(Integer.MAX_VALUE, timeLimit.toMillis()));
            if (API.TessBaseAPIRecognize(handle, monitor) != 0) {
                throw new RejectedDocumentException("a page took longer than " + timeLimit.toSeconds()
                        + " s to read (supportdesk.ocr.time-per-page)");
            }
            Pointer text = API.TessBaseAPIGetUTF8Text(handle);
            try {
                String utf8 = text == null ? "" : text.getString(0, "UTF-8");
                return reading(utf8, API.TessBaseAPIMeanTextConf(handle), false);
            } finally {
                if (text != null) {
                    API.TessDeleteText(text);
                }
            }
        } finally {
            API.TessMonitorDelete(monitor);
            API.TessBaseAPIClear(handle);
        }
    }

    /**
     * One pass of an adaptive reading: the page in segmentation mode {@code psm} (0 = the engine's
     * configured mode), with its words, their confidences and boxes. The pass must end by
     * {@code deadline} ({@link System#nanoTime()}); the engine's mode is restored afterwards.
     *
     * @throws RejectedDocumentException when the deadline has passed or the engine hits it
     */
    public Reading read(Pix pix, int psm, long deadline, Duration budget) {
        return read(pix, psm, null, deadline, budget);
    }

    /** As {@link #read(Pix, int, long, Duration)}, within {@code area} ({x, y, width, height}) only, if given. */
    public Reading read(Pix pix, int psm, int[] area, long deadline, Duration budget) {
        long remaining = (deadline - System.nanoTime()) / 1_000_000;
        if (remaining <= 0) {
            throw tooSlow(budget);
        }
        API.TessBaseAPISetPageSegMode(handle, psm > 0 ? psm : pageSegMode);
        API.TessBaseAPISetImage2(handle, pix);
        if (area != null) {
            API.TessBaseAPISetRectangle(handle, area[0], area[1], area[2], area[3]);
        }
        ITessAPI.ETEXT_DESC monitor = API.TessMonitorCreate();
        try {
            API.TessMonitorSetDeadlineMSecs(monitor, (int) Math.min(Integer.MAX_VALUE, remaining));
            if (API.TessBaseAPIRecognize(handle, monitor) != 0) {
                throw tooSlow(budget);
            }
            Pointer text = API.TessBaseAPIGetUTF8Text(handle);
            String utf8;
            try {
                utf8 = text == null ? "" : text.getString(0, "UTF-8");
            } finally {
                if (text != null) {
                    API.TessDeleteText(text);
                }
            }
            return reading(utf8, API.TessBaseAPIMeanTextConf(handle), true);
        } finally {
            API.TessMonitorDelete(monitor);
            API.TessBaseAPIClear(handle);
            API.TessBaseAPISetPageSegMode(handle, pageSegMode);
        }
    }

    /**
     * The page's words and, with {@code respace}, their character gaps re-spaced by {@link WordSpacing}
     * and the text laid out from them as the engine lays out its own: words one space apart, a line
     * break per line, a blank line between paragraphs. Without it (the single pass, whose text must
     * stay the CLI's) the engine's words and text stand as they are.
     */
    private Reading reading(String engineText, int confidence, boolean respace) {
        List<Word> words = new ArrayList<>();
        ITessAPI.TessResultIterator iterator = API.TessBaseAPIGetIterator(handle);
        if (iterator == null) {
            return new Reading(engineText, confidence, words);
        }
        StringBuilder text = new StringBuilder();
        boolean respaced = false;
        try {
            ITessAPI.TessPageIterator page = API.TessResultIteratorGetPageIterator(iterator);
            IntBuffer left = nativeInt();
            IntBuffer top = nativeInt();
            IntBuffer right = nativeInt();
            IntBuffer bottom = nativeInt();
            do {
                if (API.TessPageIteratorIsAtBeginningOf(page, RIL_PARA) != 0 && !text.isEmpty()) {
                    text.append("\n\n");
                } else if (API.TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0 && !text.isEmpty()) {
                    text.append('\n');
                } else if (!text.isEmpty()) {
                    text.append(' ');
                }
                Word word = word(RIL_WORD, iterator, page, left, top, right, bottom);
                // Characters only where WordSpacing may cut: a word's characters cost a native call each.
                List<WordSpacing.Symbol> symbols = respace && word != null && WordSpacing.mayCut(word.text())
                        ? symbols(iterator, left, top, right, bottom)
                        : List.of();
                respaced |= flush(word, symbols, words, text);
            } while (API.TessResultIteratorNext(iterator, RIL_WORD) != 0);
        } finally {
            API.TessResultIteratorDelete(iterator);
        }
        // Unless a word was cut, the engine's own text stands (the single-pass text, byte for byte).
        return new Reading(respaced ? text.append('\n').toString() : engineText, confidence, words);
    }

    private static boolean flush(Word word, List<WordSpacing.Symbol> symbols, List<Word> words, StringBuilder text) {
        if (word == null) {
            return false;
        }
        List<Word> parts = WordSpacing.split(word, symbols);
        words.addAll(parts);
        text.append(String.join(" ", parts.stream().map(Word::text).toList()));
        return parts.size() > 1;
    }

    /** The characters of the word at {@code wordStart}, with their boxes. */
    private static List<WordSpacing.Symbol> symbols(ITessAPI.TessResultIterator wordStart, IntBuffer left,
                                                    IntBuffer top, IntBuffer right, IntBuffer bottom) {
        ITessAPI.TessResultIterator iterator = API.TessResultIteratorCopy(wordStart);
        try {
            ITessAPI.TessPageIterator page = API.TessResultIteratorGetPageIterator(iterator);
            List<WordSpacing.Symbol> symbols = new ArrayList<>();
            do {
                Word symbol = word(RIL_SYMBOL, iterator, page, left, top, right, bottom);
                if (symbol != null) {
                    symbols.add(new WordSpacing.Symbol(symbol.text(), symbol.left(), symbol.top(), symbol.right(),
                            symbol.bottom()));
                }
            } while (API.TessPageIteratorIsAtFinalElement(page, RIL_WORD, RIL_SYMBOL) == 0
                    && API.TessResultIteratorNext(iterator, RIL_SYMBOL) != 0);
            return symbols;
        } finally {
            API.TessResultIteratorDelete(iterator);
        }
    }

    private static Word word(int level, ITessAPI.TessResultIterator iterator, ITessAPI.TessPageIterator page,
                             IntBuffer left, IntBuffer top, IntBuffer right, IntBuffer bottom) {
        Pointer text = API.TessResultIteratorGetUTF8Text(iterator, level);
        if (text == null) {
            return null;
        }
        try {
            API.TessPageIteratorBoundingBox(page, level, left, top, right, bottom);
            return new Word(text.getString(0, "UTF-8"), API.TessResultIteratorConfidence(iterator, level),
                    left.get(0), top.get(0), right.get(0), bottom.get(0));
        } finally {
            API.TessDeleteText(text);
        }
    }

    /** A buffer JNA hands to native code as it is (a heap buffer would be copied in and out on every call). */
    private static IntBuffer nativeInt() {
        return ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder()).asIntBuffer();
    }

    private static RejectedDocumentException tooSlow(Duration budget) {
        return new RejectedDocumentException("a page took longer than " + budget.toSeconds()
                + " s to read (supportdesk.ocr.time-per-page)");
    }

    /** A page's text as the engine lays it out, its mean word confidence, and its words. */
    public record Reading(String text, int confidence, List<Word> words) {
    }

    /** A recognised word, its confidence (0-100) and its box in page pixels. */
    public record Word(String text, float confidence, int left, int top, int right, int bottom) {
    }

    @Override
    public void close() {
        API.TessBaseAPIEnd(handle);
        API.TessBaseAPIDelete(handle);
    }
}
