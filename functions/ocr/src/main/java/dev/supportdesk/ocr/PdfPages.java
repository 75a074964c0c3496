package dev.supportdesk.ocr;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.zip.InflaterInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Reads a PDF with PDFBox: a page with a text layer gives that text; any other page is rendered in
 * grey and read by the engine. Before any page is touched, every Flate stream is inflated into a
 * counter (not into memory) and every image's declared size is checked, so a stream that inflates
 * to gigabytes or an image of absurd dimensions is refused instead of exhausting the heap.
 */
final class PdfPages {

    /** Renders a page for the engine: (grey page, dpi) → its text and confidence. */
    interface Reader extends BiFunction<Rendered, Integer, TesseractEngine.Reading> {
    }

    record Rendered(java.nio.ByteBuffer pixels, int width, int height, int bytesPerLine) {
    }

    private PdfPages() {
    }

    static List<PageText> read(byte[] data, OcrProperties limits, Reader engine) {
        try (PDDocument document = load(data, limits)) {
            if (document.isEncrypted()) {
                throw new RejectedDocumentException("the PDF is encrypted; upload it without protection");
            }
            int count = document.getNumberOfPages();
            if (count == 0) {
                throw new RejectedDocumentException("the PDF has no pages");
            }
            if (count > limits.maxPages()) {
                throw new RejectedDocumentException("the PDF has " + count + " pages; at most " + limits.maxPages()
                        + " are read (supportdesk.ocr.max-pages)");
            }
            checkStreams(document, limits);
            List<PageText> pages = new ArrayList<>();
            PDFRenderer renderer = new PDFRenderer(document);
            for (int index = 0; index < count; index++) {
                pages.add(page(document, renderer, index, limits, engine));
            }
            return pages;
        } catch (IOException | RuntimeException e) {
            if (e instanceof RejectedDocumentException rejected) {
                throw rejected;
            }
            throw new RejectedDocumentException("the PDF cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static PDDocument load(byte[] data, OcrProperties limits) throws IOException {
        try {
            return Loader.loadPDF(data, "", null, null,
                    MemoryUsageSetting.setupMainMemoryOnly(limits.maxInflatedBytes()).streamCache);
        } catch (InvalidPasswordException e) {
            throw new RejectedDocumentException("the PDF is encrypted with a password; upload it without protection");
        }
    }

    private static PageText page(PDDocument document, PDFRenderer renderer, int index, OcrProperties limits,
                                 Reader engine) throws IOException {
        long start = System.nanoTime();
        TextLayerWords stripper = new TextLayerWords();
        stripper.setStartPage(index + 1);
        stripper.setEndPage(index + 1);
        String layer = stripper.getText(document);
        if (layer.codePoints().anyMatch(Character::isLetterOrDigit)) {
            PDRectangle box = document.getPage(index).getCropBox();
            boolean sideways = document.getPage(index).getRotation() % 180 != 0;
            float width = sideways ? box.getHeight() : box.getWidth();
            float height = sideways ? box.getWidth() : box.getHeight();
            return new PageText(index + 1, PageText.TEXT_LAYER, layer, 100, millisSince(start),
                    Math.round(width), Math.round(height), 72, stripper.takeWords());
        }
        int dpi = dpiFor(document.getPage(index).getCropBox(), index + 1, limits);
        BufferedImage image = renderer.renderImageWithDPI(index, dpi, ImageType.GRAY);
        byte[] grey = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int stride = ((ComponentSampleModel) image.getSampleModel()).getScanlineStride();
        java.nio.ByteBuffer pixels = java.nio.ByteBuffer.allocateDirect(grey.length).put(grey).flip();
        TesseractEngine.Reading read = engine.apply(
                new Rendered(pixels, image.getWidth(), image.getHeight(), stride), dpi);
        return new PageText(index + 1, PageText.OCR, read.text(), read.confidence(), millisSince(start),
                image.getWidth(), image.getHeight(), dpi, read.words());
    }

    /** The configured DPI, or less if the page would be larger than the limits at that resolution. */
    private static int dpiFor(PDRectangle box, int page, OcrProperties limits) {
        double widthInches = box.getWidth() / 72.0;
        double heightInches = box.getHeight() / 72.0;
        double dpi = limits.pdfDpi();
        dpi = Math.min(dpi, limits.maxSide() / Math.max(widthInches, heightInches));
        dpi = Math.min(dpi, Math.sqrt(limits.maxPixelsPerPage() / (widthInches * heightInches)));
        if (dpi < 72) {
            throw new RejectedDocumentException("page " + page + " of the PDF measures " + Math.round(widthInches)
                    + " x " + Math.round(heightInches) + " inches; it cannot be rendered at 72 dpi within "
                    + limits.maxPixelsPerPage() + " pixels (supportdesk.ocr.max-pixels-per-page)");
        }
        return (int) dpi;
    }

    private static void checkStreams(PDDocument document, OcrProperties limits) throws IOException {
        for (COSObjectKey key : new ArrayList<>(document.getDocument().getXrefTable().keySet())) {
            COSBase object = document.getDocument().getObjectFromPool(key).getObject();
            if (object instanceof COSStream stream) {
                checkImage(stream, limits);
                if (firstFilterIsFlate(stream)) {
                    checkInflatedSize(stream, limits);
                }
            }
        }
    }

    private static void checkImage(COSStream stream, OcrProperties limits) {
        if (COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
            long width = stream.getInt(COSName.WIDTH, stream.getInt(COSName.W, 0));
            long height = stream.getInt(COSName.HEIGHT, stream.getInt(COSName.H, 0));
            if (width > limits.maxSide() || height > limits.maxSide() || width * height > limits.maxPixelsPerPage()) {
                throw new RejectedDocumentException("the PDF holds an image of " + width + " x " + height
                        + " pixels, over the limits (supportdesk.ocr.max-side, supportdesk.ocr.max-pixels-per-page)");
            }
        }
    }

    private static boolean firstFilterIsFlate(COSStream stream) {
        COSBase filters = stream.getFilters();
        COSBase first = filters instanceof COSArray array && array.size() > 0 ? array.getObject(0) : filters;
        return COSName.FLATE_DECODE.equals(first) || COSName.FLATE_DECODE_ABBREVIATION.equals(first);
    }

    private static void checkInflatedSize(COSStream stream, OcrProperties limits) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream inflated = new InflaterInputStream(stream.createRawInputStream())) {
            for (int read; (read = inflated.read(buffer)) > 0; ) {
                total += read;
                if (total > limits.maxInflatedBytes()) {
                    throw new RejectedDocumentException("a stream of the PDF inflates to more than "
                            + limits.maxInflatedBytes() + " bytes (supportdesk.ocr.max-inflated-bytes)");
                }
            }
        } catch (java.util.zip.ZipException corrupt) {
            // PDFBox reads damaged streams as far as they go; the size check has seen all there is.
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
