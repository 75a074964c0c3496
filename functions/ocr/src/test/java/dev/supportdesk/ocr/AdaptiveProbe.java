package dev.supportdesk.ocr;

import com.sun.jna.ptr.PointerByReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.sourceforge.lept4j.Leptonica;
import net.sourceforge.lept4j.Pix;

/**
 * A developer's probe, not a test: reads the given corpus pages with the adaptive strategy and prints
 * each page's word accuracy (as {@link OcrCorpusTest} scores it), the passes taken and the time, so one
 * page can be tried in seconds instead of the whole corpus in minutes. Run from the project root with
 * the module's test classpath: {@code java -cp ... dev.supportdesk.ocr.AdaptiveProbe hard/img/table_05.png}
 * (paths relative to the corpus; {@code -v} also prints the text).
 */
public final class AdaptiveProbe {

    private AdaptiveProbe() {
    }

    public static void main(String[] args) throws Exception {
        boolean verbose = List.of(args).contains("-v");
        String tessdata = Tessdata.locate(null, OcrTesting.LANGUAGES).toString();
        try (TesseractEngine engine = new TesseractEngine(tessdata, OcrTesting.LANGUAGES, OcrTesting.PSM)) {
            for (String arg : args) {
                if (arg.startsWith("-")) {
                    continue;
                }
                Path image = OcrTesting.corpus().resolve(arg);
                List<String> truth = OcrTesting.truthWords(OcrCorpusTest.truthOf(image));
                Pix pix = Leptonica.INSTANCE.pixRead(image.toString());
                try {
                    long start = System.nanoTime();
                    AdaptiveReader.Result result = AdaptiveReader.read(engine, pix, Duration.ofMinutes(10));
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    System.out.printf("%-28s %6.1f%% precision %5.1f%% %6d ms  %s%n", arg,
                            OcrTesting.wordAccuracy(truth, result.text()), OcrTesting.wordPrecision(truth, result.text()),
                            millis, String.join("; ", result.passes()));
                    if (verbose) {
                        System.out.println(result.text());
                    }
                } finally {
                    Leptonica.INSTANCE.pixDestroy(new PointerByReference(pix.getPointer()));
                }
            }
        }
    }
}
