package dev.supportdesk.tickets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.supportdesk.domain.InvalidCursor;
import dev.supportdesk.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Pagination cursors, written once for every store. A position is the sort key of the last item of a
 * page as a JSON array, so a truncated one does not parse. Its public form is tagged with the query
 * it belongs to and base64url-encoded: a cursor from another list or a mangled one is a 400, never a
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

    static String position(ListPosition position) {
        return Json.MAPPER.createArrayNode().add(position.createdAt().toEpochMilli()).add(position.id()).toString();
    }

    static ListPosition listPosition(String position) {
        JsonNode parts = positionParts(position, 2, 2);
        return new ListPosition(Instant.ofEpochMilli(parts.get(0).asLong()), parts.get(1).asText());
    }

    static String position(SweepEntry entry) {
        ArrayNode parts = Json.MAPPER.createArrayNode().add(entry.at().toEpochMilli()).add(entry.tenant())
                .add(entry.ticketId());
        entry.attachmentId().ifPresent(parts::add);
        return parts.toString();
    }

    static SweepEntry sweepPosition(String position) {
        JsonNode parts = positionParts(position, 3, 4);
        return new SweepEntry(Instant.ofEpochMilli(parts.get(0).asLong()), parts.get(1).asText(),
                parts.get(2).asText(), parts.size() == 4 ? Optional.of(parts.get(3).asText()) : Optional.empty());
    }

    /** A time in epoch millis followed by non-empty texts. */
    private static JsonNode positionParts(String position, int minSize, int maxSize) {
        JsonNode parts;
        try {
            parts = Json.MAPPER.readTree(position);
        } catch (JsonProcessingException e) {
            throw new InvalidCursorException("malformed position");
        }
        if (parts == null || !parts.isArray() || parts.size() < minSize || parts.size() > maxSize
                || !parts.get(0).isIntegralNumber() || !parts.get(0).canConvertToLong()) {
            throw new InvalidCursorException("malformed position");
        }
        for (int i = 1; i < parts.size(); i++) {
            if (!parts.get(i).isTextual() || parts.get(i).asText().isEmpty()) {
                throw new InvalidCursorException("malformed position");
            }
        }
        return parts;
    }

    private static InvalidCursor invalid(String reason) {
        return new InvalidCursor("the cursor is not valid: " + reason);
    }
}
