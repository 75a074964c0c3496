package dev.supportdesk.ports;

import java.time.Instant;

/** A URL that lets its holder read one blob with a plain GET until it expires. */
public record DownloadUrl(String url, Instant expiresAt) {
}
