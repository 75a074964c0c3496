package dev.supportdesk.ports;

import java.util.Objects;

/**
 * The runtime-neutral "a blob was created" event (S3 ObjectCreated, Event Grid BlobCreated, the
 * local upload handler). Events arrive at least once and in any order; {@code etag} tells which
 * content an event is about, so handlers can drop duplicates and events about overwritten content by
 * comparing it with the blob's current ETag ({@link BlobStore#metadata}). That comparison is why no
 * store ordering token (S3's or Event Grid's {@code sequencer}) is carried: ordering tokens would need
 * the last one seen per key to be stored, the current ETag is at hand.
 *
 * @param key the object key, decoded
 * @param size bytes stored
 * @param etag the content's ETag without quotes, as {@link BlobStore#metadata} reports it; may be empty
 */
public record BlobCreated(String key, long size, String etag) {

    /** @throws IllegalArgumentException when the event names no blob or a negative size */
    public BlobCreated {
        if (Objects.requireNonNullElse(key, "").isBlank()) {
            throw new IllegalArgumentException("a blob-created event must name the blob's key");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a blob-created event cannot report a negative size (" + size + ")");
        }
        etag = etag == null ? "" : etag.replace("\"", "");
    }
}
