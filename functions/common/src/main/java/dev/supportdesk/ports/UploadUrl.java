package dev.supportdesk.ports;

import java.time.Instant;
import java.util.Map;

/** Where and how to upload: the HTTP method, the URL, the headers the request must carry, the expiry. */
public record UploadUrl(String method, String url, Map<String, String> headers, Instant expiresAt) {
}
