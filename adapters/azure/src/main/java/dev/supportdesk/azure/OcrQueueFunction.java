package dev.supportdesk.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import dev.supportdesk.azure.telemetry.InvocationLogContext;
import dev.supportdesk.ocr.OcrService;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.telemetry.LogContext;
import dev.supportdesk.tickets.AttachmentKeys;
import org.springframework.context.ApplicationContext;

/**
 * Runs the OCR work that {@code blobCreated} enqueued ({@link QueueOcrHandoff}) through the core's
 * {@link OcrService#onBlobCreated}, which claims the attachment with a lease and records one result per
 * content version.
 *
 * <p>The host deletes a message when the function returns and makes it visible again
 * {@code extensions.queues.visibilityTimeout} after it throws; after {@code maxDequeueCount} deliveries
 * it moves it to {@code <queue>-poison}, where it is kept
 * (https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#poison-messages).
 * So this function throws when the work could not be finished here and a later delivery can: a transient
 * failure (the core has released its claim), or another worker holding a live claim
 * ({@code IN_PROGRESS_ELSEWHERE}, e.g. an instance that died mid-run): host.json's visibility timeout is
 * at least the OCR lease, so the next delivery finds that claim done or expired. Every other outcome is
 * final. {@code OcrDeliveryBudgetTest} checks the settings against each other.
 *
 * <p>Each invocation runs in its log context ({@link InvocationLogContext}): the invocation id, the trace of the
 * {@code blobCreated} invocation that enqueued the work (the message's {@code traceparent}), the tenant of the key.
 */
public final class OcrQueueFunction {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OcrQueueFunction.class);

    public static final String NAME = "ocrQueue";
    /** The trigger's identity-based connection: app setting {@code OcrQueue__queueServiceUri}. */
    public static final String CONNECTION = "OcrQueue";

    private final OcrService ocr;

    public OcrQueueFunction(ApplicationContext context) {
        this.ocr = context.getBean(OcrService.class);
    }

    @FunctionName(NAME)
    public void run(@QueueTrigger(name = "message", queueName = "%SUPPORTDESK_AZURE_OCR_QUEUE_NAME%",
            connection = CONNECTION) String message, ExecutionContext context) {
        try (LogContext.Scope scope = InvocationLogContext.open(NAME, context, QueueOcrHandoff.traceparent(message))) {
            LOG.info("OCR work handled: {}", handle(message));
        }
    }

    /** @throws RetryLater when a later delivery of the message should try again */
    public OcrService.Outcome handle(String message) {
        BlobCreated event = QueueOcrHandoff.event(message);
        AttachmentKeys.parse(event.key()).ifPresent(attachment -> LogContext.tenant(attachment.tenant()));
        OcrService.Outcome outcome = ocr.onBlobCreated(event);
        if (outcome == OcrService.Outcome.IN_PROGRESS_ELSEWHERE) {
            throw new RetryLater("another worker holds a live claim on this document; retried after the visibility timeout");
        }
        return outcome;
    }

    /** Fails the invocation so that the host makes the message visible again after the visibility timeout. */
    public static final class RetryLater extends RuntimeException {
        RetryLater(String message) {
            super(message);
        }
    }
}
