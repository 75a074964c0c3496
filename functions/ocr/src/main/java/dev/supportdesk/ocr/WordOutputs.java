package dev.supportdesk.ocr;

import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.tickets.OcrResultBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a reading gives besides its text, stored beside the result: the words as hOCR, and a
 * searchable PDF. A PDF that cannot be made (an image Java cannot decode) is logged and left out;
 * the text and the words stand.
 */
final class WordOutputs {

    private static final Logger log = LoggerFactory.getLogger(WordOutputs.class);

    private WordOutputs() {
    }

    static void write(BlobStore blobs, String resultKey, byte[] original, OcrDocument document) {
        byte[] hocr = HocrDocument.of(document).getBytes(StandardCharsets.UTF_8);
        blobs.put(OcrResultBlob.hocrKey(resultKey), new ByteArrayInputStream(hocr), hocr.length,
                HocrDocument.MEDIA_TYPE + ";charset=utf-8");
        byte[] pdf;
        try {
            pdf = SearchablePdf.of(original, document);
        } catch (IOException | RuntimeException e) {
            log.warn("no searchable PDF for {}: {}", resultKey, e.toString());
            return;
        }
        blobs.put(OcrResultBlob.searchablePdfKey(resultKey), new ByteArrayInputStream(pdf), pdf.length,
                SearchablePdf.MEDIA_TYPE);
    }
}
