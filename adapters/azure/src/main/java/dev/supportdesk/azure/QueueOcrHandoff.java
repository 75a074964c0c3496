package dev.supportdesk.azure;

import com.azure.storage.queue.QueueClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.json.Json;
import dev.supportdesk.ocr.OcrHandoff;
import dev.supportdesk.ocr.OcrService;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.telemetry.LogContext;
import dev.supportdesk.telemetry.TraceParent;

/**
 * The Azure runtime's {@link OcrHandoff}: the text extraction of a recorded upload becomes a message on
 * the OCR Storage queue, which the {@code ocrQueue} function ({@link OcrQueueFunction}) runs.
 *
 * <p>Why: Event Grid waits 30 seconds for the endpoint's answer, then queues the event for retry
 * (https://learn.microsoft.com/azure/event-grid/delivery-and-retry, "Event Grid waits 30 seconds for a
 * response after delivering a message"). OCR of a multi-page document takes minutes, so run inside the
 * delivery it made Event Grid deliver the same event again while the first run still held its claim.
 * Enqueuing takes milliseconds; a failure to enqueue fails the delivery, so Event Grid retries it.
 */
public final class QueueOcrHandoff implements OcrHandoff {

    private final QueueClient queue;

    public QueueOcrHandoff(QueueClient queue) {
        this.queue = queue;
    }

    @Override
    public OcrService.Outcome handOff(BlobCreated uploaded) {
        queue.sendMessage(message(uploaded));
        return OcrService.Outcome.QUEUED;
    }

    /**
     * The message: the neutral event as JSON ({@code key}, {@code size}, {@code etag}), and the {@code traceparent}
     * of the log context it was sent in, so that the OCR run continues the upload's trace.
     */
    static String message(BlobCreated event) {
        ObjectNode message = Json.MAPPER.createObjectNode().put("key", event.key()).put("size", event.size())
                .put("etag", event.etag());
        LogContext.traceParent().ifPresent(trace -> message.put(TraceParent.HEADER, trace.header()));
        return message.toString();
    }

    /** The message's {@code traceparent}, or null (an older message, or not JSON: {@link #event} says why). */
    static String traceparent(String message) {
        try {
            JsonNode json = Json.MAPPER.readTree(message);
            return json != null && json.path(TraceParent.HEADER).isTextual() ? json.path(TraceParent.HEADER).asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** @throws IllegalArgumentException when the message is not one {@link #message} wrote */
    static BlobCreated event(String message) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the OCR queue message is not valid JSON");
        }
        if (json == null || !json.isObject() || !json.path("key").isTextual()) {
            throw new IllegalArgumentException("the OCR queue message names no blob key");
        }
        return new BlobCreated(json.path("key").asText(), json.path("size").asLong(0), json.path("etag").asText(""));
    }
}
