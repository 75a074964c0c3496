package dev.supportdesk.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import dev.supportdesk.azure.events.EventGridEvents;
import dev.supportdesk.azure.telemetry.InvocationLogContext;
import dev.supportdesk.config.FunctionNames;
import dev.supportdesk.ocr.BlobCreatedHandler;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.telemetry.LogContext;
import dev.supportdesk.tickets.AttachmentKeys;
import java.util.function.Function;
import java.util.logging.Logger;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContext;

/**
 * Event Grid {@code Microsoft.Storage.BlobCreated} events of the uploads container → neutral
 * {@link BlobCreated} → the core's {@code blobCreated} function, which records the upload and reads the
 * document's text (exactly once per content version, so Event Grid's redeliveries are harmless). Other
 * event types and other containers are ignored with the reason logged. A malformed event fails the
 * invocation, so that Event Grid retries it and finally dead-letters it. Each invocation runs in its log context
 * ({@link InvocationLogContext}: the invocation id, the CloudEvent's {@code traceparent} or the host's trace, the
 * function, the tenant of the upload's key).
 */
public final class BlobCreatedFunction {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BlobCreatedFunction.class);

    private final Function<BlobCreated, BlobCreatedHandler.Outcome> blobCreated;
    private final String container;

    public BlobCreatedFunction(ApplicationContext context) {
        this.blobCreated = context.getBean(FunctionCatalog.class).lookup(FunctionNames.BLOB_CREATED);
        this.container = context.getBean(AzureProperties.class).containerName();
    }

    @FunctionName("blobCreated")
    public void run(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
        try (LogContext.Scope scope = InvocationLogContext.open(FunctionNames.BLOB_CREATED, context,
                EventGridEvents.traceparent(event))) {
            LOG.info("blob event handled: {}", handle(event, context.getLogger()));
        }
    }

    /** @return the core's outcome ("ATTACHED, OCR DONE"), or why the event was ignored */
    public String handle(String eventJson, Logger log) {
        EventGridEvents.StorageEvent event = EventGridEvents.parse(eventJson);
        if (!event.isBlobCreated()) {
            log.info("skipping Event Grid event of type " + event.type() + "; only " + EventGridEvents.BLOB_CREATED
                    + " is handled");
            return "IGNORED_OTHER_TYPE";
        }
        if (!event.container().equals(container)) {
            log.info("skipping blob " + event.created().key() + " of container " + event.container()
                    + "; uploads land in " + container);
            return "IGNORED_OTHER_CONTAINER";
        }
        AttachmentKeys.parse(event.created().key()).ifPresent(attachment -> LogContext.tenant(attachment.tenant()));
        return blobCreated.apply(event.created()).toString();
    }
}
