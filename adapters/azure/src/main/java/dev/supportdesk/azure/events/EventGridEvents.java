package dev.supportdesk.azure.events;

import com.azure.storage.blob.BlobUrlParts;
import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.json.Json;
import dev.supportdesk.ports.BlobCreated;
import java.io.IOException;

/**
 * Reads Event Grid events for Blob Storage as the EventGridTrigger hands them over: one event, in
 * the Event Grid schema ({@code eventType}) or as a CloudEvent ({@code type}).
 */
public final class EventGridEvents {

    public static final String BLOB_CREATED = "Microsoft.Storage.BlobCreated";

    private EventGridEvents() {
    }

    /** An event with its type; {@code created} is present only for BlobCreated events. */
    public record StorageEvent(String type, String container, BlobCreated created) {

        public boolean isBlobCreated() {
            return BLOB_CREATED.equals(type);
        }
    }

    /**
     * The {@code traceparent} a CloudEvent carries (its distributed tracing extension), or null: the Event Grid
     * schema has none, and a malformed event is {@link #parse}'s to reject.
     */
    public static String traceparent(String eventJson) {
        try {
            JsonNode event = eventJson == null ? null : Json.MAPPER.readTree(eventJson);
            return event != null && event.path("traceparent").isTextual() ? event.path("traceparent").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * @throws IllegalArgumentException when the text is not one Event Grid event, or a BlobCreated
     *                                  event lacks a parseable {@code data.url} or {@code data.contentLength}
     */
    public static StorageEvent parse(String eventJson) {
        JsonNode event;
        try {
            event = eventJson == null ? null : Json.MAPPER.readTree(eventJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("the Event Grid event is not valid JSON");
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("the Event Grid event is not a JSON object");
        }
        String type = event.path("eventType").asText(event.path("type").asText(""));
        if (type.isEmpty()) {
            throw new IllegalArgumentException("the Event Grid event has neither 'eventType' nor 'type'");
        }
        if (!BLOB_CREATED.equals(type)) {
            return new StorageEvent(type, null, null);
        }
        JsonNode data = event.path("data");
        String url = data.path("url").asText("");
        JsonNode length = data.path("contentLength");
        if (url.isEmpty() || !length.canConvertToLong()) {
            throw new IllegalArgumentException("the BlobCreated event (id " + event.path("id").asText("?")
                    + ") lacks data.url or a numeric data.contentLength");
        }
        BlobUrlParts parts;
        try {
            parts = BlobUrlParts.parse(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the BlobCreated event's data.url is not a blob URL: " + url);
        }
        if (parts.getBlobContainerName() == null || parts.getBlobName() == null) {
            throw new IllegalArgumentException("the BlobCreated event's data.url names no container and blob: " + url);
        }
        return new StorageEvent(type, parts.getBlobContainerName(),
                new BlobCreated(parts.getBlobName(), length.asLong(), data.path("eTag").asText("")));
    }
}
