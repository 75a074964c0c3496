package dev.supportdesk.tickets;

import dev.supportdesk.domain.InvalidCursor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The public form of pagination cursors: the store's own position marker, tagged with the query it
 * belongs to and base64url-encoded. A cursor from another list or a mangled one is a 400, never a
 * silently different page.
 */
final class Cursors {

    private static final String VERSION = "c1";

    private Cursors() {
    }

    static Optional<String> encode(String queryFingerprint, Optional<String> storeCursor) {
        return storeCursor.map(position -> Base64.getUrlEncoder().withoutPadding().encodeToString(
                (VERSION + "\n" + queryFingerprint + "\n" + position).getBytes(StandardCharsets.UTF_8)));
    }

    static Optional<String> decode(String queryFingerprint, Optional<String> cursor) {
        if (cursor.isEmpty()) {
            return Optional.empty();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor.get()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("it is not a cursor this API returned");
        }
        String[] parts = text.split("\n", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].isEmpty()) {
            throw invalid("it is not a cursor this API returned");
        }
        if (!parts[1].equals(queryFingerprint)) {
            throw invalid("it belongs to a different list or filter; repeat the same query with it");
        }
        return Optional.of(parts[2]);
    }

    private static InvalidCursor invalid(String reason) {
        return new InvalidCursor("the cursor is not valid: " + reason);
    }
}
