package dev.supportdesk.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken documents end as a clear refusal, checked from headers before decoding where
 * possible, with bounded memory; the pipeline keeps serving afterwards. Limits are lowered here so
 * the bombs can stay small; each bomb still claims or inflates to far more than the limit.
 */
class OcrHostileInputTest {

    private static final Map<String, String> SETTINGS = Map.of("max-bytes", "2097152", "max-pages", "3",
            "max-pixels-per-page", "20000000", "max-side", "10000", "max-inflated-bytes", "16777216", "pdf-dpi", "150");
    private static final OcrProperties LIMITS = OcrProperties.of(SETTINGS);
    private static final OcrPipeline pipeline = OcrTesting.pipeline(LIMITS);

    @AfterAll
    static void close() {
        pipeline.close();
    }

    private static void refused(byte[] document, String reason) {
        assertThatThrownBy(() -> pipeline.extract(document))
                .isInstanceOf(RejectedDocumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void anEmptyFile() {
        refused(new byte[0], "the file is empty");
    }

    @Test
    void aFileLargerThanTheLimit() {
        byte[] big = Arrays.copyOf(TestDocuments.png("big"), (int) LIMITS.maxBytes() + 1);
        refused(big, "at most " + LIMITS.maxBytes());
    }

    @Test
    void wrongMagicWhateverTheNameSays() {
        refused("GIF89a not really".getBytes(), "not a PNG, JPEG, TIFF or PDF");
        refused("hello, this is text".getBytes(), "starts with bytes 68 65 6c 6c 6f");
    }

    @Test
    void truncatedAndCorruptImages() {
        byte[] png = TestDocuments.png("truncated");
        refused(Arrays.copyOf(png, 20), "corrupt or truncated");
        refused(Arrays.copyOf(png, png.length / 2), "corrupt or truncated");
        byte[] jpeg = TestDocuments.jpeg("corrupt");
        refused(Arrays.copyOf(jpeg, 10), "corrupt or truncated");
        byte[] garbage = TestDocuments.tiff("x");
        Arrays.fill(garbage, 4, garbage.length, (byte) 0xEE);
        refused(garbage, "corrupt or truncated");
    }

    @Test
    void aTinyPngClaimingHugeDimensionsIsRefusedFromItsHeader() {
        byte[] bomb = TestDocuments.pngClaiming(100_000, 100_000);
        assertThat(bomb.length).isLessThan(200);
        refused(bomb, "100000 x 100000 pixels");
        refused(TestDocuments.pngClaiming(9_000, 9_000), "81000000 pixels");
    }

    @Test
    void tooManyPages() {
        refused(TestDocuments.blankPdf(4), "the PDF has 4 pages; at most 3");
        refused(TestDocuments.tiff("1", "2", "3", "4"), "more than 3 pages");
    }

    @Test
    void encryptedPdfs() {
        refused(TestDocuments.encryptedPdf("user-secret"), "encrypted");
        refused(TestDocuments.encryptedPdf(""), "encrypted");
    }

    @Test
    void aPdfStreamThatInflatesFarBeyondTheLimit() {
        byte[] bomb = TestDocuments.flateBombPdf(64L << 20);
        assertThat(bomb.length).isLessThan(200_000);
        refused(bomb, "inflates to more than " + LIMITS.maxInflatedBytes());
    }

    @Test
    void aPdfImageDeclaringAbsurdDimensions() {
        refused(TestDocuments.hugeImagePdf(100_000, 100_000), "100000 x 100000");
    }

    @Test
    void aCorruptPdf() {
        byte[] pdf = TestDocuments.textPdf("x");
        refused(Arrays.copyOf(pdf, 30), "the PDF cannot be read");
    }

    @Test
    void aPageThatTakesLongerThanItsTimeLimitIsAbandoned() throws Exception {
        Map<String, String> hurriedSettings = new HashMap<>(SETTINGS);
        hurriedSettings.put("time-per-page", "1ms");
        OcrProperties hurried = OcrProperties.of(hurriedSettings);
        try (OcrPipeline impatient = OcrTesting.pipeline(hurried)) {
            byte[] page = java.nio.file.Files.readAllBytes(OcrTesting.corpus().resolve("img/table_02.png"));
            assertThatThrownBy(() -> impatient.extract(page))
                    .isInstanceOf(RejectedDocumentException.class)
                    .hasMessageContaining("took longer than");
        }
    }

    @Test
    void allPassesOfAnAdaptiveReadingShareThePageTimeLimit() throws Exception {
        // A page that takes three passes (ruled, weak, dropped text), given a budget just above one pass:
        // the later passes stop at the page's deadline, so the page ends within its limit, keeping what
        // the first pass read (or, if even that did not fit on a busy machine, refused as too slow).
        byte[] page = java.nio.file.Files.readAllBytes(OcrTesting.corpus().resolve("hard/img/table_05.png"));
        long onePass;
        try (OcrPipeline single = OcrTesting.pipeline(LIMITS, OcrStrategy.SINGLE_PASS)) {
            single.extract(page); // engine loaded
            long start = System.nanoTime();
            single.extract(page);
            onePass = (System.nanoTime() - start) / 1_000_000;
        }
        java.time.Duration budget = java.time.Duration.ofMillis(onePass * 3 / 2);
        java.util.Map<String, String> settings = new java.util.HashMap<>(SETTINGS);
        settings.put("time-per-page", budget.toMillis() + "ms");
        OcrProperties tight = OcrProperties.of(settings);
        try (OcrPipeline adaptive = OcrTesting.pipeline(tight, OcrStrategy.ADAPTIVE)) {
            adaptive.extract(TestDocuments.png("warm up")); // engine loaded outside the measured page
            long start = System.nanoTime();
            try {
                assertThat(adaptive.extract(page).text()).isNotBlank();
            } catch (RejectedDocumentException tooSlow) {
                assertThat(tooSlow).hasMessageContaining("took longer than");
            }
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            // The deadline is checked between words, and the image analysis between passes takes a moment.
            assertThat(elapsed).as("ms for a page with a budget of %d ms", budget.toMillis())
                    .isLessThan(budget.toMillis() + 3_000);
        }
    }

    @Test
    void thePipelineKeepsServingAfterHostileInput() {
        for (byte[] hostile : new byte[][] {TestDocuments.pngClaiming(100_000, 100_000), new byte[0],
                TestDocuments.encryptedPdf("pw")}) {
            assertThatThrownBy(() -> pipeline.extract(hostile)).isInstanceOf(RejectedDocumentException.class);
        }
        assertThat(pipeline.extract(TestDocuments.png("Still serving")).text()).contains("Still serving");
    }
}
