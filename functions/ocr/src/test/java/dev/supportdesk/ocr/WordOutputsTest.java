package dev.supportdesk.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a reading gives besides its text, on real pages with the real engine: the words with their
 * boxes, the hOCR made of them, and a searchable PDF whose invisible words PDFBox extracts at the
 * places of their boxes.
 */
class WordOutputsTest {

    private static final Path RECEIPT = OcrTesting.corpus().resolve("img/receipt_03.png");

    private final OcrPipeline pipeline = OcrTesting.pipeline();

    @Test
    void aCorpusPageHasItsWordsInReadingOrderWithinThePage() throws Exception {
        OcrDocument document = pipeline.extract(Files.readAllBytes(RECEIPT));
        PageText page = document.pages().get(0);
        assertThat(page.width()).isPositive();
        assertThat(page.height()).isGreaterThan(page.width());
        assertThat(page.words()).hasSizeGreaterThan(50).allSatisfy(word -> {
            assertThat(word.left()).isBetween(0, word.right());
            assertThat(word.top()).isBetween(0, word.bottom());
            assertThat(word.right()).isLessThanOrEqualTo(page.width());
            assertThat(word.bottom()).isLessThanOrEqualTo(page.height());
        });
        String wordsInOrder = String.join(" ", page.words().stream().map(TesseractEngine.Word::text)
                .filter(text -> !text.isBlank()).toList());
        assertThat(wordsInOrder).isEqualTo(String.join(" ", page.text().split("\\s+")).strip());
    }

    @Test
    void theHocrIsWellFormedAndCarriesEveryWordWithItsBoxAndConfidence() throws Exception {
        OcrDocument document = pipeline.extract(Files.readAllBytes(RECEIPT));
        PageText page = document.pages().get(0);
        org.w3c.dom.Document hocr = parse(HocrDocument.of(document));

        List<Element> pages = elements(hocr, "div", "ocr_page");
        assertThat(pages).singleElement().satisfies(div -> assertThat(div.getAttribute("title"))
                .startsWith("bbox 0 0 " + page.width() + " " + page.height() + "; ppageno 0"));
        List<Element> words = elements(hocr, "span", "ocrx_word");
        List<TesseractEngine.Word> expected = page.words().stream().filter(w -> !w.text().isBlank()).toList();
        assertThat(words).hasSameSizeAs(expected);
        for (int i = 0; i < words.size(); i++) {
            TesseractEngine.Word word = expected.get(i);
            assertThat(words.get(i).getTextContent()).isEqualTo(word.text().strip());
            assertThat(words.get(i).getAttribute("title")).isEqualTo("bbox " + word.left() + " " + word.top() + " "
                    + word.right() + " " + word.bottom() + "; x_wconf " + Math.round(word.confidence()));
            assertThat(((Element) words.get(i).getParentNode()).getAttribute("class")).isEqualTo("ocr_line");
        }
        assertThat(elements(hocr, "span", "ocr_line").size()).isBetween(10, words.size() - 1);
    }

    @Test
    void markupInWordsIsEscaped() throws Exception {
        TesseractEngine.Word tricky = new TesseractEngine.Word("<b>&\"'", 90.4f, 10, 20, 60, 40);
        OcrDocument document = new OcrDocument(DocumentFormat.PNG, List.of(new PageText(1, PageText.OCR, "<b>&\"'",
                90, 1, 100, 50, 300, List.of(tricky))), 1);
        List<Element> words = elements(parse(HocrDocument.of(document)), "span", "ocrx_word");
        assertThat(words).singleElement().satisfies(word -> {
            assertThat(word.getTextContent()).isEqualTo("<b>&\"'");
            assertThat(word.getAttribute("title")).isEqualTo("bbox 10 20 60 40; x_wconf 90");
        });
    }

    @Test
    void theSearchablePdfShowsThePageAndItsWordsExtractWithinTheirBoxes() throws Exception {
        byte[] original = Files.readAllBytes(RECEIPT);
        OcrDocument document = pipeline.extract(original);
        PageText page = document.pages().get(0);
        byte[] pdf = SearchablePdf.of(original, document);

        float pointsPerPixel = 72f / (page.dpi() >= 70 ? page.dpi() : 300);
        try (PDDocument loaded = Loader.loadPDF(pdf)) {
            assertThat(loaded.getNumberOfPages()).isEqualTo(1);
            assertThat(loaded.getPage(0).getMediaBox().getWidth()).isCloseTo(page.width() * pointsPerPixel,
                    org.assertj.core.data.Offset.offset(0.5f));
            assertThat(loaded.getPage(0).getResources().getXObjectNames()).hasSize(1);
        }
        assertWordsWithinBoxes(PdfWords.of(pdf), List.of(page), pointsPerPixel, 0.9);
    }

    @Test
    void aScannedPdfGetsATextLayerOverItsOwnPage() throws Exception {
        byte[] original = TestDocuments.scannedPdf("Scanned letter of complaint");
        OcrDocument document = pipeline.extract(original);
        PageText page = document.pages().get(0);
        assertThat(page.words()).isNotEmpty();
        byte[] pdf = SearchablePdf.of(original, document);

        List<PdfWords.PdfWord> extracted = PdfWords.of(pdf);
        assertThat(extracted).extracting(PdfWords.PdfWord::text).contains("Scanned", "letter", "of", "complaint");
        assertWordsWithinBoxes(extracted, List.of(page), 72f / page.dpi(), 1.0);
    }

    @Test
    void aTextLayerPageHasItsWordsFromPdfBoxInPointsAndKeepsItsText() throws Exception {
        byte[] original = TestDocuments.textPdf("Invoice 2024-117 total 99.50");
        OcrDocument document = pipeline.extract(original);
        PageText page = document.pages().get(0);
        assertThat(page.source()).isEqualTo(PageText.TEXT_LAYER);
        assertThat(page.text()).isEqualTo(new org.apache.pdfbox.text.PDFTextStripper().getText(Loader.loadPDF(original)));
        assertThat(List.of(page.width(), page.height(), page.dpi())).containsExactly(595, 842, 72);
        assertThat(page.words()).extracting(TesseractEngine.Word::text)
                .containsExactly("Invoice", "2024-117", "total", "99.50");
        TesseractEngine.Word first = page.words().get(0);
        // drawn at x 72, baseline 720 points from the bottom of an 842-point page, 14 points high
        assertThat(first.left()).isEqualTo(72);
        assertThat(first.bottom()).isBetween(121, 123);
        assertThat(first.top()).isBetween(105, 115);
        assertThat(page.words()).allSatisfy(word -> assertThat(word.bottom()).isEqualTo(first.bottom()));
        assertThat(page.words()).extracting(TesseractEngine.Word::left).isSorted();
        assertThat(HocrDocument.of(document)).contains("title=\"bbox 0 0 595 842; ppageno 0; scan_res 72 72\"",
                ">2024-117</span>");
    }

    @Test
    void everyPageOfATiffBecomesAPage() throws Exception {
        byte[] original = TestDocuments.tiff("First page here", "Second page here");
        OcrDocument document = pipeline.extract(original);
        List<PdfWords.PdfWord> extracted = PdfWords.of(SearchablePdf.of(original, document));
        assertThat(extracted).filteredOn(word -> word.page() == 2).extracting(PdfWords.PdfWord::text)
                .containsExactly("Second", "page", "here");
    }

    /** At least {@code share} of the engine's words come out of the PDF, in order, starting inside their boxes. */
    private static void assertWordsWithinBoxes(List<PdfWords.PdfWord> extracted, List<PageText> pages,
                                               float pointsPerPixel, double share) {
        List<String> misplaced = new ArrayList<>();
        int checked = 0;
        int cursor = 0;
        for (PageText page : pages) {
            for (TesseractEngine.Word word : page.words()) {
                String text = word.text().strip();
                if (text.isEmpty() || !text.chars().allMatch(c -> c < 128)) {
                    continue;
                }
                checked++;
                int found = -1;
                for (int i = cursor; i < extracted.size(); i++) {
                    if (extracted.get(i).text().equals(text) && extracted.get(i).page() == page.page()) {
                        found = i;
                        break;
                    }
                }
                if (found < 0) {
                    misplaced.add(text + " (not extracted)");
                    continue;
                }
                cursor = found + 1;
                PdfWords.PdfWord pdfWord = extracted.get(found);
                float slack = 1f;
                boolean inside = pdfWord.left() >= word.left() * pointsPerPixel - slack
                        && pdfWord.right() <= word.right() * pointsPerPixel + slack
                        && pdfWord.baseline() >= word.top() * pointsPerPixel - slack
                        && pdfWord.baseline() <= word.bottom() * pointsPerPixel + slack;
                if (!inside) {
                    misplaced.add(text + " at " + pdfWord + " outside " + word);
                }
            }
        }
        assertThat(checked).isPositive();
        assertThat(checked - misplaced.size()).as("words in place; misplaced: %s", misplaced)
                .isGreaterThanOrEqualTo((int) Math.ceil(checked * share));
    }

    private static org.w3c.dom.Document parse(String xhtml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xhtml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(org.w3c.dom.Document document, String tag, String className) {
        NodeList nodes = document.getElementsByTagName(tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (element.getAttribute("class").equals(className)) {
                found.add(element);
            }
        }
        return found;
    }
}
