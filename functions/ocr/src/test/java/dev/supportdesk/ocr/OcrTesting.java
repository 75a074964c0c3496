package dev.supportdesk.ocr;

import dev.supportdesk.testing.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared helpers of the OCR tests: one pipeline per test JVM, the corpus, the CLI, CER. */
public final class OcrTesting {

    public static final String LANGUAGES = "eng";
    public static final int PSM = 3;
    public static final Path CORPUS = ProjectPaths.sharedData().resolve("ocr-corpus");

    private static OcrPipeline shared;

    private OcrTesting() {
    }

    public static synchronized OcrPipeline pipeline() {
        if (shared == null) {
            shared = pipeline(OcrProperties.defaults());
        }
        return shared;
    }

    public static OcrPipeline pipeline(OcrProperties limits) {
        return pipeline(limits, limits.strategy());
    }

    public static OcrPipeline pipeline(OcrProperties limits, OcrStrategy strategy) {
        String tessdata = Tessdata.locate(null, LANGUAGES).toString();
        return new OcrPipeline(new EnginePool(Runtime.getRuntime().availableProcessors(),
                () -> new TesseractEngine(tessdata, LANGUAGES, PSM)), limits, strategy);
    }

    public static Path corpus() {
        return CORPUS;
    }

    /** The page text the tesseract CLI prints for {@code image} with the same language and mode. */
    public static String cli(Path image) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("tesseract", image.toString(), "stdout", "-l", LANGUAGES,
                "--psm", String.valueOf(PSM)).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("tesseract failed on " + image);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        return text.endsWith("\f") ? text.substring(0, text.length() - 1) : text;
    }

    private static final Pattern WORD = Pattern.compile(
            "<span class=['\"]ocrx_word['\"][^>]*>(.*?)</span>", Pattern.DOTALL);

    /** The ground truth of an hOCR file: its words in document order, one space apart. */
    public static String truth(Path hocr) throws IOException {
        Matcher matcher = WORD.matcher(Files.readString(hocr));
        List<String> words = new ArrayList<>();
        while (matcher.find()) {
            words.add(unescape(matcher.group(1).replaceAll("<[^>]+>", "")).strip());
        }
        return String.join(" ", words.stream().filter(w -> !w.isEmpty()).toList());
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&apos;", "'").replace("&amp;", "&");
    }

    /** The words of the truth (the hOCR's {@code ocrx_word} spans), punctuation stripped, case kept, none empty. */
    public static List<String> truthWords(Path hocr) throws IOException {
        Matcher matcher = WORD.matcher(Files.readString(hocr));
        List<String> words = new ArrayList<>();
        while (matcher.find()) {
            String word = stripPunctuation(unescape(matcher.group(1).replaceAll("<[^>]+>", "")).strip());
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** The words of an OCR output: split at white space, punctuation stripped, case kept, none empty. */
    public static List<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).map(OcrTesting::stripPunctuation).filter(w -> !w.isEmpty()).toList();
    }

    private static final Pattern PUNCTUATION = Pattern.compile("\\p{IsPunctuation}");

    private static String stripPunctuation(String word) {
        return PUNCTUATION.matcher(word).replaceAll("");
    }

    /**
     * Word accuracy in percent, as {@code shared/data/README.md} defines it: the truth's words found
     * in the output, counted as a multiset (order-independent), divided by the truth's word count.
     */
    public static double wordAccuracy(List<String> truth, String text) {
        Map<String, Integer> found = new HashMap<>();
        words(text).forEach(w -> found.merge(w, 1, Integer::sum));
        int hits = 0;
        for (String word : truth) {
            Integer left = found.get(word);
            if (left != null && left > 0) {
                hits++;
                found.put(word, left - 1);
            }
        }
        return 100.0 * hits / Math.max(1, truth.size());
    }

    /**
     * Word precision in percent: the output's words found in the truth (multiset), divided by the
     * output's word count. Word accuracy alone does not punish extra words; this shows none are padded.
     */
    public static double wordPrecision(List<String> truth, String text) {
        List<String> output = words(text);
        Map<String, Integer> left = new HashMap<>();
        truth.forEach(w -> left.merge(w, 1, Integer::sum));
        int hits = 0;
        for (String word : output) {
            Integer n = left.get(word);
            if (n != null && n > 0) {
                hits++;
                left.put(word, n - 1);
            }
        }
        return 100.0 * hits / Math.max(1, output.size());
    }

    /** Character error rate in percent: edit distance of the whitespace-normalised texts / truth length. */
    public static double cer(String truth, String text) {
        String a = normalise(truth);
        String b = normalise(text);
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return 100.0 * previous[b.length()] / Math.max(1, a.length());
    }

    /**
     * The CER of the two texts with their words sorted: blind to reading order (the truth of a table
     * may list it column by column where tesseract reads row by row), still counting every wrong,
     * missing or extra character.
     */
    public static double orderIndependentCer(String truth, String text) {
        return cer(sortedWords(truth), sortedWords(text));
    }

    private static String sortedWords(String text) {
        return String.join(" ", java.util.Arrays.stream(normalise(text).split(" ")).sorted().toList());
    }

    private static String normalise(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
