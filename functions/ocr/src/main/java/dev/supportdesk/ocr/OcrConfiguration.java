package dev.supportdesk.ocr;

import dev.supportdesk.telemetry.Telemetry;
import dev.supportdesk.config.FunctionNames;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.tickets.AttachmentUploads;
import dev.supportdesk.tickets.TicketStore;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OCR family: the {@value FunctionNames#BLOB_CREATED} function and the {@link OcrService} that
 * re-runs one attachment's work. The runtime provides {@link TicketStore}, {@link BlobStore},
 * {@link Clock} and {@link AttachmentUploads} (the tickets family), and may provide an
 * {@link OcrHandoff} to run the text extraction elsewhere than in the event's invocation.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OcrProperties.class)
public class OcrConfiguration {

    @Bean(destroyMethod = "close")
    OcrPipeline ocrPipeline(OcrProperties ocr) {
        int engines = ocr.engines() > 0 ? ocr.engines() : Runtime.getRuntime().availableProcessors();
        // Engines (and the native libraries) load on the first document, so a runtime that never reads
        // one neither needs tesseract installed nor pays for it at start-up.
        EnginePool pool = new EnginePool(engines, () -> new TesseractEngine(
                Tessdata.locate(ocr.tessdata(), ocr.languages()).toString(), ocr.languages(), ocr.pageSegMode()));
        return new OcrPipeline(pool, ocr);
    }

    @Bean
    OcrService ocrService(TicketStore store, BlobStore blobs, OcrPipeline pipeline, Clock clock, OcrProperties ocr,
                          ObjectProvider<Telemetry> telemetry) {
        return new OcrService(store, blobs, pipeline::extract, ocr, clock, telemetry.getIfAvailable(Telemetry::noop));
    }

    @Bean(FunctionNames.BLOB_CREATED)
    Function<BlobCreated, BlobCreatedHandler.Outcome> blobCreated(AttachmentUploads uploads, OcrService ocr,
                                                                  ObjectProvider<OcrHandoff> handoff) {
        return new BlobCreatedHandler(uploads, handoff.getIfAvailable(() -> ocr::onBlobCreated));
    }
}
