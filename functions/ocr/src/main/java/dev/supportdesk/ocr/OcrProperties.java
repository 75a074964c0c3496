package dev.supportdesk.ocr;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * How uploaded documents are read ({@code supportdesk.ocr.*}, {@code SUPPORTDESK_OCR_*} on the clouds):
 * the engine, what the pipeline accepts (checked from headers before anything is decoded, so a hostile
 * file costs at most what these limits allow) and how the service claims and records work. The one
 * place the OCR settings and their defaults are written.
 *
 * @param languages tesseract language(s), e.g. {@code eng} or {@code eng+deu}
 * @param pageSegMode tesseract page segmentation mode (3: automatic, as the CLI)
 * @param engines engines run at once; 0 means one per core
 * @param tessdata folder of the trained data; empty means TESSDATA_PREFIX or the usual system places
 * @param maxBytes largest document read
 * @param maxPages most pages read per document
 * @param maxPixelsPerPage largest page area in pixels
 * @param maxSide longest page side in pixels
 * @param maxInflatedBytes largest decompressed size of one PDF stream
 * @param timePerPage engine time allowed per page
 * @param pdfDpi resolution scanned PDF pages are rendered at (lowered for pages that would exceed the limits)
 * @param lease how long a claim on an attachment's work holds before a retry may take it over
 * @param maxAttempts claims per content version before the document is marked FAILED
 * @param previewChars characters of text kept on the attachment record (the rest is in blob storage)
 * @param strategy {@code adaptive}: more passes where a page needs them (tables, forms, dropped text);
 *                 {@code single-pass}: one pass, the tesseract CLI's text ({@link OcrStrategy})
 */
@ConfigurationProperties(OcrProperties.PREFIX)
public record OcrProperties(
        @DefaultValue("eng") String languages,
        @DefaultValue("3") int pageSegMode,
        @DefaultValue("0") int engines,
        @DefaultValue("") String tessdata,
        @DefaultValue("20971520") long maxBytes,
        @DefaultValue("50") int maxPages,
        @DefaultValue("40000000") long maxPixelsPerPage,
        @DefaultValue("12000") int maxSide,
        @DefaultValue("268435456") long maxInflatedBytes,
        @DefaultValue("60s") Duration timePerPage,
        @DefaultValue("300") int pdfDpi,
        @DefaultValue("10m") Duration lease,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("1000") int previewChars,
        @DefaultValue("adaptive") OcrStrategy strategy) {

    static final String PREFIX = "supportdesk.ocr";

    /** The defaults, as a runtime with no OCR settings binds them. */
    public static OcrProperties defaults() {
        return of(Map.of());
    }

    /**
     * The settings as these values bind, defaults for the rest.
     *
     * @param settings values by setting name without the prefix, as in {@code application.yaml}
     *                 ({@code max-pages}, {@code time-per-page})
     */
    public static OcrProperties of(Map<String, String> settings) {
        Map<String, String> prefixed = new HashMap<>();
        settings.forEach((name, value) -> prefixed.put(PREFIX + "." + name, value));
        return new Binder(new MapConfigurationPropertySource(prefixed)).bindOrCreate(PREFIX, OcrProperties.class);
    }
}
