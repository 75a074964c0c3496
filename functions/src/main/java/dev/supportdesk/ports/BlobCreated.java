package dev.supportdesk.ports;

/**
 * The runtime-neutral "a blob was created" event (S3 ObjectCreated, Event Grid BlobCreated, the
 * local upload handler).
 *
 * @param key the object key, decoded
 * @param size bytes stored
 * @param version the store's identity for this content (S3 versionId/ETag, Azure eTag, local digest)
 */
public record BlobCreated(String key, long size, String version) {
}
