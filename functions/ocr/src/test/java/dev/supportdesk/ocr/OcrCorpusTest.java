package dev.supportdesk.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Accuracy on the shared corpus (real documents, hand-corrected truth) and parity with the
 * tesseract CLI: the Java path must lose nothing, so its text equals the CLI's for the same image,
 * language and page segmentation mode.
 */
class OcrCorpusTest {

    static Stream<Path> images() throws IOException {
        return Files.list(OcrTesting.corpus().resolve("img")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void readsLikeTheCliAndCloseToTheTruth(Path image) throws Exception {
        String name = image.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        OcrDocument document = OcrTesting.pipeline().extract(Files.readAllBytes(image));
        String cliText = OcrTesting.cli(image);
        String truth = OcrTesting.truth(OcrTesting.corpus().resolve("truth").resolve(name + ".hocr"));

        double pipelineCer = OcrTesting.cer(truth, document.text());
        double cliCer = OcrTesting.cer(truth, cliText);
        double unordered = OcrTesting.orderIndependentCer(truth, document.text());
        System.out.printf("CER %-16s pipeline %6.2f %%  cli %6.2f %%  (words in any order: %5.2f %%)  confidence %d%n",
                name, pipelineCer, cliCer, unordered, document.pages().get(0).confidence());

        assertThat(document.pages()).hasSize(1);
        assertThat(document.text()).isEqualTo(cliText);
        assertThat(Math.abs(pipelineCer - cliCer)).isLessThanOrEqualTo(0.5);
        // A sanity bound on the engine itself (the per-image figures are printed above): at most 15 %,
        // in reading order or, for tables whose truth runs column by column, with words in any order.
        assertThat(Math.min(pipelineCer, unordered)).as("character error rate of %s", name).isLessThan(15.0);
    }
}
