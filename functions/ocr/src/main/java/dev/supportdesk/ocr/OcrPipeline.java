package dev.supportdesk.ocr;

import com.ochafik.lang.jnaerator.runtime.NativeSize;
import com.sun.jna.ptr.PointerByReference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.sourceforge.lept4j.Leptonica;
import net.sourceforge.lept4j.Pix;
import net.sourceforge.lept4j.Pixa;

/**
 * Document bytes → text per page. The format comes from the magic bytes; sizes come from headers
 * and are checked against {@link OcrProperties} before any pixel is decoded. Images are decoded by
 * leptonica, as the tesseract CLI decodes them, so both see the same pixels and produce the same
 * text in the {@link OcrStrategy#SINGLE_PASS} strategy; the default {@link OcrStrategy#ADAPTIVE} one adds
 * passes where a page needs them ({@link AdaptiveReader}). PDFs go through {@link PdfPages} (scanned
 * PDF pages are read in a single pass for now). Thread-safe: concurrent documents share the engine pool.
 */
public final class OcrPipeline implements AutoCloseable {

    private static final int L_CLONE = 2;

    private final EnginePool engines;
    private final OcrProperties limits;
    private final OcrStrategy strategy;

    /** A pipeline with the limits and the strategy of {@code settings}. */
    public OcrPipeline(EnginePool engines, OcrProperties settings) {
        this(engines, settings, settings.strategy());
    }

    public OcrPipeline(EnginePool engines, OcrProperties limits, OcrStrategy strategy) {
        this.engines = engines;
        this.limits = limits;
        this.strategy = strategy;
    }

    /** @throws RejectedDocumentException with the reason, for anything that is not a readable document */
    public OcrDocument extract(byte[] data) {
        long start = System.nanoTime();
        if (data.length == 0) {
            throw new RejectedDocumentException("the file is empty");
        }
        if (data.length > limits.maxBytes()) {
            throw new RejectedDocumentException("the file has " + data.length + " bytes; at most " + limits.maxBytes()
                    + " are read (supportdesk.ocr.max-bytes)");
        }
        DocumentFormat format = DocumentFormat.detect(data).orElseThrow(() -> new RejectedDocumentException(
                "the file is not a PNG, JPEG, TIFF or PDF (it starts with bytes "
                        + HexFormat.ofDelimiter(" ").formatHex(data, 0, Math.min(8, data.length)) + ")"));
        List<PageText> pages = format == DocumentFormat.PDF
                ? PdfPages.read(data, limits, (page, dpi) -> engines.withEngine(engine -> engine.recognizeGrey(
                        page.pixels(), page.width(), page.height(), page.bytesPerLine(), dpi, limits.timePerPage())))
                : images(data, format);
        return new OcrDocument(format, pages, (System.nanoTime() - start) / 1_000_000);
    }

    private List<PageText> images(byte[] data, DocumentFormat format) {
        int expected = ImageHeaders.check(data, format, limits).size();
        ByteBuffer buffer = ByteBuffer.allocateDirect(data.length).put(data).flip();
        List<Pix> decoded = new ArrayList<>();
        Pixa pixa = null;
        try {
            if (format == DocumentFormat.TIFF) {
                pixa = Lept.API.pixaReadMemMultipageTiff(buffer, new NativeSize(data.length));
                int count = pixa == null ? 0 : Lept.API.pixaGetCount(pixa);
                for (int i = 0; i < count; i++) {
                    decoded.add(Lept.API.pixaGetPix(pixa, i, L_CLONE));
                }
            } else {
                Pix pix = Lept.API.pixReadMem(buffer, new NativeSize(data.length));
                if (pix != null) {
                    decoded.add(pix);
                }
            }
            if (decoded.size() != expected) {
                throw new RejectedDocumentException("the " + format + " is corrupt or truncated: " + decoded.size()
                        + " of its " + expected + " pages could be decoded");
            }
            List<PageText> pages = new ArrayList<>();
            for (int i = 0; i < decoded.size(); i++) {
                Pix pix = decoded.get(i);
                ImageHeaders.checkPage(format, i + 1, Lept.API.pixGetWidth(pix), Lept.API.pixGetHeight(pix), limits);
                long pageStart = System.nanoTime();
                TesseractEngine.Reading read = engines.withEngine(engine -> strategy == OcrStrategy.ADAPTIVE
                        ? adaptive(engine, pix)
                        : engine.recognize(pix, limits.timePerPage()));
                pages.add(new PageText(i + 1, PageText.OCR, read.text(), read.confidence(),
                        (System.nanoTime() - pageStart) / 1_000_000, Lept.API.pixGetWidth(pix),
                        Lept.API.pixGetHeight(pix), Lept.API.pixGetXRes(pix), read.words()));
            }
            return pages;
        } finally {
            decoded.forEach(pix -> Lept.API.pixDestroy(new PointerByReference(pix.getPointer())));
            if (pixa != null) {
                Lept.API.pixaDestroy(new PointerByReference(pixa.getPointer()));
            }
        }
    }

    private TesseractEngine.Reading adaptive(TesseractEngine engine, Pix pix) {
        AdaptiveReader.Result result = AdaptiveReader.read(engine, pix, limits.timePerPage());
        return new TesseractEngine.Reading(result.text(), result.confidence(), result.words());
    }

    /** How pages are read. */
    public OcrStrategy strategy() {
        return strategy;
    }

    /** Loads leptonica on first use, not when the pipeline is wired (runtimes without OCR never need it). */
    private static final class Lept {
        static final Leptonica API = Leptonica.INSTANCE;
    }

    @Override
    public void close() {
        engines.close();
    }
}
