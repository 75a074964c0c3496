package dev.supportdesk.ocr;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;

/**
 * Writes a page's words as invisible text (rendering mode 3, as {@code ocrmypdf} and tesseract's PDF
 * renderer do): each word starts at its box's left edge on the box's bottom, its font size is the
 * box's height and its horizontal scaling makes it exactly as wide as the box, so a viewer's
 * selection and search land on the word in the image. Characters the standard font cannot encode
 * become '?'.
 */
final class InvisibleTextLayer {

    private final PDFont font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final Map<Integer, Boolean> encodable = new HashMap<>();

    /**
     * @param originX the page's left edge in points
     * @param topY the page's top edge in points
     * @param pointsPerPixel 72 / the page's resolution
     */
    void write(PDPageContentStream stream, List<TesseractEngine.Word> words, float originX, float topY,
               float pointsPerPixel) throws IOException {
        stream.beginText();
        stream.setRenderingMode(RenderingMode.NEITHER);
        for (TesseractEngine.Word word : words) {
            String shown = encodable(word.text().strip());
            int width = word.right() - word.left();
            int height = word.bottom() - word.top();
            if (shown.isEmpty() || width <= 0 || height <= 0) {
                continue;
            }
            float fontSize = height * pointsPerPixel;
            float natural = font.getStringWidth(shown) / 1000 * fontSize;
            stream.setFont(font, fontSize);
            stream.setHorizontalScaling(natural > 0 ? 100 * width * pointsPerPixel / natural : 100);
            stream.setTextMatrix(Matrix.getTranslateInstance(originX + word.left() * pointsPerPixel,
                    topY - word.bottom() * pointsPerPixel));
            stream.showText(shown);
        }
        stream.endText();
    }

    private String encodable(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(c -> shown.appendCodePoint(encodable.computeIfAbsent(c, this::canEncode) ? c : '?'));
        return shown.toString();
    }

    private boolean canEncode(int codePoint) {
        try {
            font.encode(Character.toString(codePoint));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}
