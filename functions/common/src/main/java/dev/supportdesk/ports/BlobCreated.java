package dev.supportdesk.ports;

/**
 * The runtime-neutral "a blob was created" event (S3 ObjectCreated, Event Grid BlobCreated, the
 * local upload handler). Events arrive at least once and in any order; {@code etag} tells which
 * content an event is about, so handlers can drop duplicates and events about overwritten content.
 *
 * @param key the object key, decoded
 * @param size bytes stored
 * @param version the store's identity for this write (S3 versionId or ETag, Azure eTag, local digest)
 * @param etag the content's ETag without quotes, as {@link BlobStore#metadata} reports it; may be empty
 * @param sequencer the store's ordering token for writes of one key (S3 and Event Grid {@code sequencer});
 *                  may be empty
 */
public record BlobCreated(String key, long size, String version, String etag, String sequencer) {

    public BlobCreated {
        etag = etag == null ? "" : etag.replace("\"", "");
        sequencer = sequencer == null ? "" : sequencer;
    }

    /** An event whose version is the content's ETag (and that carries no sequencer). */
    public BlobCreated(String key, long size, String version) {
        this(key, size, version, version, "");
    }
}
