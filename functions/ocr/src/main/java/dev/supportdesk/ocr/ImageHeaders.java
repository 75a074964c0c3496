package dev.supportdesk.ocr;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads the page sizes of an image from its headers only (ImageIO readers answer width, height and
 * frame count without decoding pixels), and refuses the image before anything is decoded if a page
 * or the page count is over the limits. This is what stops a decompression bomb: a tiny PNG that
 * claims 100000 x 100000 pixels is refused on its IHDR chunk.
 */
final class ImageHeaders {

    private ImageHeaders() {
    }

    record Size(int width, int height) {
    }

    static List<Size> check(byte[] data, DocumentFormat format, OcrProperties limits) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(input, false, true);
            List<Size> sizes = new ArrayList<>();
            for (int page = 0; ; page++) {
                Size size;
                try {
                    size = new Size(reader.getWidth(page), reader.getHeight(page));
                } catch (IndexOutOfBoundsException end) {
                    break;
                }
                if (page >= limits.maxPages()) {
                    throw new RejectedDocumentException("the " + format + " has more than " + limits.maxPages()
                            + " pages (supportdesk.ocr.max-pages)");
                }
                checkPage(format, page + 1, size.width(), size.height(), limits);
                sizes.add(size);
            }
            if (sizes.isEmpty()) {
                throw new RejectedDocumentException("the " + format + " is corrupt or truncated: it holds no image");
            }
            return sizes;
        } catch (IOException | RuntimeException e) {
            if (e instanceof RejectedDocumentException rejected) {
                throw rejected;
            }
            throw new RejectedDocumentException("the " + format + " is corrupt or truncated: its header cannot be read ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } finally {
            reader.dispose();
        }
    }

    static void checkPage(DocumentFormat format, int page, long width, long height, OcrProperties limits) {
        if (width <= 0 || height <= 0) {
            throw new RejectedDocumentException("page " + page + " of the " + format + " has no pixels ("
                    + width + " x " + height + ")");
        }
        if (width > limits.maxSide() || height > limits.maxSide()) {
            throw new RejectedDocumentException("page " + page + " of the " + format + " is " + width + " x " + height
                    + " pixels; a side may have at most " + limits.maxSide() + " (supportdesk.ocr.max-side)");
        }
        if (width * height > limits.maxPixelsPerPage()) {
            throw new RejectedDocumentException("page " + page + " of the " + format + " has " + width * height
                    + " pixels; at most " + limits.maxPixelsPerPage() + " are read (supportdesk.ocr.max-pixels-per-page)");
        }
    }
}
