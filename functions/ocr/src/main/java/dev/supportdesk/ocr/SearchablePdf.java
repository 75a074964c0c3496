package dev.supportdesk.ocr;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A searchable PDF of a read document, as {@code ocrmypdf} makes one: each page shows the page's image
 * with the recognised words as an invisible text layer over it ({@link InvisibleTextLayer}).
 * <ul>
 * <li>PNG, JPEG, TIFF: one PDF page per image page, sized by its resolution (300 dpi when the image
 * states none), the image embedded as it is (JPEG, PNG) or losslessly (TIFF frames).</li>
 * <li>PDF: the uploaded PDF itself, with the text layer added to each page that was read by the engine;
 * pages with a text layer of their own, and rotated scanned pages, stay as they are.</li>
 * </ul>
 * Runs after the document was read, so its limits (size, pages, pixels, inflated streams) have been
 * checked already.
 */
public final class SearchablePdf {

    public static final String MEDIA_TYPE = "application/pdf";
    private static final int ASSUMED_DPI = 300;

    private SearchablePdf() {
    }

    /** The searchable PDF of {@code original}, which was read as {@code document}. */
    public static byte[] of(byte[] original, OcrDocument document) throws IOException {
        try (PDDocument pdf = document.format() == DocumentFormat.PDF ? Loader.loadPDF(original) : new PDDocument()) {
            if (document.format() == DocumentFormat.PDF) {
                addTextLayers(pdf, document.pages());
            } else {
                addImagePages(pdf, original, document);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        }
    }

    private static void addImagePages(PDDocument pdf, byte[] original, OcrDocument document) throws IOException {
        InvisibleTextLayer layer = new InvisibleTextLayer();
        for (PageText page : document.pages()) {
            float pointsPerPixel = 72f / (page.dpi() >= 70 ? page.dpi() : ASSUMED_DPI);
            PDRectangle size = new PDRectangle(page.width() * pointsPerPixel, page.height() * pointsPerPixel);
            PDPage pdfPage = new PDPage(size);
            pdf.addPage(pdfPage);
            PDImageXObject image = image(pdf, original, document.format(), page.page() - 1);
            try (PDPageContentStream stream = new PDPageContentStream(pdf, pdfPage)) {
                stream.drawImage(image, 0, 0, size.getWidth(), size.getHeight());
                layer.write(stream, page.words(), 0, size.getHeight(), pointsPerPixel);
            }
        }
    }

    private static PDImageXObject image(PDDocument pdf, byte[] original, DocumentFormat format, int index)
            throws IOException {
        return switch (format) {
            case JPEG -> JPEGFactory.createFromByteArray(pdf, original);
            case PNG -> PDImageXObject.createFromByteArray(pdf, original, "page.png");
            default -> LosslessFactory.createFromImage(pdf, frame(original, index));
        };
    }

    private static java.awt.image.BufferedImage frame(byte[] original, int index) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(original))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                return reader.read(index);
            } finally {
                reader.dispose();
            }
        }
    }

    private static void addTextLayers(PDDocument pdf, List<PageText> pages) throws IOException {
        InvisibleTextLayer layer = new InvisibleTextLayer();
        for (PageText page : pages) {
            PDPage pdfPage = pdf.getPage(page.page() - 1);
            if (!PageText.OCR.equals(page.source()) || page.dpi() <= 0 || pdfPage.getRotation() % 360 != 0) {
                continue;
            }
            PDRectangle crop = pdfPage.getCropBox();
            try (PDPageContentStream stream = new PDPageContentStream(pdf, pdfPage,
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                layer.write(stream, page.words(), crop.getLowerLeftX(), crop.getUpperRightY(), 72f / page.dpi());
            }
        }
    }
}
