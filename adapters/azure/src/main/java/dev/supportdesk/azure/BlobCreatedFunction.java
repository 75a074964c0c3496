package dev.supportdesk.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import dev.supportdesk.azure.events.EventGridEvents;
import dev.supportdesk.config.FunctionNames;
import dev.supportdesk.ocr.OcrService;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.tickets.AttachmentUploads;
import java.util.function.Function;
import java.util.logging.Logger;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContext;

/**
 * Event Grid {@code Microsoft.Storage.BlobCreated} events of the uploads container → neutral
 * {@link BlobCreated} → the core's {@code attachmentUploaded} function, then its {@code ocrAttachment}
 * function (exactly once per content version, so Event Grid's redeliveries are harmless). Other event types and other
 * containers are skipped with the reason logged. A malformed event fails the invocation, so that Event
 * Grid retries it and finally dead-letters it.
 */
public final class BlobCreatedFunction {

    private final Function<BlobCreated, AttachmentUploads.Outcome> attachmentUploaded;
    private final Function<BlobCreated, OcrService.Outcome> ocrAttachment;
    private final String container;

    public BlobCreatedFunction(ApplicationContext context) {
        FunctionCatalog catalog = context.getBean(FunctionCatalog.class);
        this.attachmentUploaded = catalog.lookup(FunctionNames.ATTACHMENT_UPLOADED);
        this.ocrAttachment = catalog.lookup(FunctionNames.OCR_ATTACHMENT);
        this.container = context.getBean(AzureProperties.class).containerName();
    }

    @FunctionName("blobCreated")
    public void run(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
        String outcome = handle(event, context.getLogger());
        context.getLogger().info("blob event handled: " + outcome);
    }

    /** @return the core's outcomes ("ATTACHED, OCR DONE"), or why the event was skipped */
    public String handle(String eventJson, Logger log) {
        EventGridEvents.StorageEvent event = EventGridEvents.parse(eventJson);
        if (!event.isBlobCreated()) {
            log.info("skipping Event Grid event of type " + event.type() + "; only " + EventGridEvents.BLOB_CREATED
                    + " is handled");
            return "SKIPPED_OTHER_TYPE";
        }
        if (!event.container().equals(container)) {
            log.info("skipping blob " + event.created().key() + " of container " + event.container()
                    + "; uploads land in " + container);
            return "SKIPPED_OTHER_CONTAINER";
        }
        String uploaded = attachmentUploaded.apply(event.created()).name();
        return uploaded + ", OCR " + ocrAttachment.apply(event.created()).name();
    }
}
