package dev.supportdesk.ports;

import java.time.Instant;

public record BlobMetadata(String key, long size, String contentType, String etag, Instant lastModified) {
}
