package dev.supportdesk.ocr;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.time.Duration;
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

    private final ITessAPI.TessBaseAPI handle;

    public TesseractEngine(String tessdata, String languages, int pageSegMode) {
        handle = API.TessBaseAPICreate();
        if (API.TessBaseAPIInit2(handle, tessdata, languages, OEM_DEFAULT) != 0) {
            API.TessBaseAPIDelete(handle);
            throw new IllegalStateException("tesseract cannot load languages '" + languages + "' from " + tessdata);
        }
        API.TessBaseAPISetPageSegMode(handle, pageSegMode);
    }

    /** Reads a page decoded by leptonica, exactly as the tesseract CLI hands it to the engine. */
    public Recognized recognize(Pix pix, Duration timeLimit) {
        API.TessBaseAPISetImage2(handle, pix);
        return recognize(timeLimit);
    }

    /** Reads an 8-bit grey page rendered at {@code dpi}. */
    public Recognized recognizeGrey(ByteBuffer pixels, int width, int height, int bytesPerLine, int dpi,
                                    Duration timeLimit) {
        API.TessBaseAPISetImage(handle, pixels, width, height, 1, bytesPerLine);
        API.TessBaseAPISetSourceResolution(handle, dpi);
        return recognize(timeLimit);
    }

    private Recognized recognize(Duration timeLimit) {
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
                return new Recognized(utf8, API.TessBaseAPIMeanTextConf(handle));
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

    public record Recognized(String text, int confidence) {
    }

    @Override
    public void close() {
        API.TessBaseAPIEnd(handle);
        API.TessBaseAPIDelete(handle);
    }
}
