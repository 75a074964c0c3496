package dev.supportdesk.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every format the pipeline reads, recognised from the bytes, page by page. */
class OcrPipelineTest {

    private final OcrPipeline pipeline = OcrTesting.pipeline();

    @Test
    void readsPngAndJpeg() {
        OcrDocument png = pipeline.extract(TestDocuments.png("Printer on fire", "Third floor 42"));
        assertThat(png.format()).isEqualTo(DocumentFormat.PNG);
        assertThat(png.text()).contains("Printer on fire").contains("Third floor 42");
        assertThat(png.pages()).singleElement().satisfies(page -> {
            assertThat(page.source()).isEqualTo(PageText.OCR);
            assertThat(page.confidence()).isBetween(60, 100);
        });
        OcrDocument jpeg = pipeline.extract(TestDocuments.jpeg("Coffee machine broken"));
        assertThat(jpeg.format()).isEqualTo(DocumentFormat.JPEG);
        assertThat(jpeg.text()).contains("Coffee machine broken");
    }

    @Test
    void readsEveryPageOfAMultiPageTiff() {
        OcrDocument tiff = pipeline.extract(TestDocuments.tiff("First page here", "Second page here", "Third page here"));
        assertThat(tiff.format()).isEqualTo(DocumentFormat.TIFF);
        assertThat(tiff.pages()).extracting(PageText::page).containsExactly(1, 2, 3);
        assertThat(tiff.pages().get(1).text()).contains("Second page here");
        assertThat(tiff.text().split("\f")).hasSize(3);
    }

    @Test
    void usesAPdfsTextLayerAndReadsScannedPagesWithTheEngine() {
        OcrDocument typed = pipeline.extract(TestDocuments.textPdf("Invoice 2024-117 total 99.50", "Page two text"));
        assertThat(typed.format()).isEqualTo(DocumentFormat.PDF);
        assertThat(typed.pages()).extracting(PageText::source).containsOnly(PageText.TEXT_LAYER);
        assertThat(typed.pages().get(0).text()).contains("Invoice 2024-117 total 99.50");

        OcrDocument scanned = pipeline.extract(TestDocuments.scannedPdf("Scanned letter of complaint"));
        assertThat(scanned.pages()).singleElement().satisfies(page -> {
            assertThat(page.source()).isEqualTo(PageText.OCR);
            assertThat(page.text()).contains("Scanned letter of complaint");
        });
    }

    @Test
    void theFormatComesFromTheBytesNotTheName() {
        assertThat(DocumentFormat.detect(TestDocuments.png("x"))).contains(DocumentFormat.PNG);
        assertThat(DocumentFormat.detect(TestDocuments.jpeg("x"))).contains(DocumentFormat.JPEG);
        assertThat(DocumentFormat.detect(TestDocuments.tiff("x"))).contains(DocumentFormat.TIFF);
        assertThat(DocumentFormat.detect(TestDocuments.textPdf("x"))).contains(DocumentFormat.PDF);
        assertThat(DocumentFormat.detect("GIF89a".getBytes())).isEmpty();
    }
}
