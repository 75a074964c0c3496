package dev.supportdesk.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting the core reads, under one name on every runtime: {@code supportdesk.*} in
 * {@code application.yaml}, {@code SUPPORTDESK_*} environment variables on the clouds.
 *
 * @param maxBodyBytes largest accepted request body
 * @param maxAttachmentBytes largest file an attachment may declare
 * @param uploadUrlValidity how long an upload URL stays usable
 * @param auth how the claims of a verified token map to an identity
 * @param predict how models are served
 * @param ocr how uploaded documents are read
 * @param workflow the numbers of the workflow's rules
 */
@ConfigurationProperties("supportdesk")
public record SupportdeskProperties(
        @DefaultValue("65536") int maxBodyBytes,
        @DefaultValue("20971520") long maxAttachmentBytes,
        @DefaultValue("15m") Duration uploadUrlValidity,
        @DefaultValue Auth auth,
        @DefaultValue Predict predict,
        @DefaultValue Ocr ocr,
        @DefaultValue Workflow workflow) {

    /**
     * @param tenantClaim the claim holding the caller's tenant
     * @param rolesClaim the claim holding the caller's roles
     */
    public record Auth(
            @DefaultValue("tenant") String tenantClaim,
            @DefaultValue("roles") String rolesClaim) {
    }

    /**
     * @param maxBatchSize the most instances one predict request may carry
     * @param recheckInterval how often a model's {@code current} pointer is re-read (and a failed
     *                        package load retried)
     */
    public record Predict(
            @DefaultValue("100") int maxBatchSize,
            @DefaultValue("30s") Duration recheckInterval) {
    }

    /**
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
     * @param pdfDpi resolution scanned PDF pages are rendered at
     * @param lease how long a claim on an attachment's work holds before a retry may take it over
     * @param maxAttempts claims per content version before the document is marked FAILED
     * @param previewChars characters of text kept on the attachment record (the rest is in blob storage)
     */
    public record Ocr(
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
            @DefaultValue("1000") int previewChars) {
    }

    /**
     * @param sla how long an OPEN or IN_PROGRESS ticket of each priority may go without activity
     *            (a change or a response) before it is escalated one priority up
     * @param autoCloseAfter how long a RESOLVED ticket may go without activity before it is closed
     * @param ocrTimeout how long an upload may stay in OCR PENDING/PROCESSING before its OCR work is re-emitted
     * @param ocrMaxAttempts re-emissions before the attachment's OCR is marked FAILED
     * @param batchSize items per batch of a workflow step
     * @param batchesPerRound batches one find step hands to the fan-out
     */
    public record Workflow(
            @DefaultValue Sla sla,
            @DefaultValue("7d") Duration autoCloseAfter,
            @DefaultValue("30m") Duration ocrTimeout,
            @DefaultValue("3") int ocrMaxAttempts,
            @DefaultValue("50") int batchSize,
            @DefaultValue("10") int batchesPerRound) {

        public record Sla(
                @DefaultValue("3d") Duration low,
                @DefaultValue("1d") Duration normal,
                @DefaultValue("4h") Duration high) {
        }
    }
}
