package dev.supportdesk.tickets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.supportdesk.domain.InvalidCursor;
import dev.supportdesk.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;

/**
 * Pagination cursors, written once for every store. A position is the sort key of the last item of a
 * page as a JSON array, so a truncated one does not parse. Its public form is tagged with the list it
 * belongs to and base64url-encoded: a cursor from another list or a mangled one is a 400, never a
 * silently different page.
 *
 * <p>A cursor is decoded completely here, before any store sees it: its size, its encoding (strict
 * base64url, strict UTF-8), the list it belongs to (a digest of the tenant, the caller's effective
 * filter and the list, so a cursor never crosses tenants or filters), and the shape of the store
 * position inside. Store positions are either plain text or a flat JSON object or array (DynamoDB's
 * last evaluated key), guarded by a check digit against truncation and accidental edits; every value must be a non-empty string of at most {@link #MAX_VALUE_BYTES}
 * UTF-8 bytes (DynamoDB's limit for a key attribute) or an integer. An empty key value, a nested
 * value or a control character is an invalid cursor, not a store error.
 */
final class Cursors {

    private static final String VERSION = "c2";
    static final int MAX_CURSOR_CHARS = 4096;
    static final int MAX_POSITION_CHARS = 2048;
    static final int MAX_VALUE_BYTES = 1024;

    private Cursors() {
    }

    /** The identity of a list: a digest of its parts, so that no part can run into another. */
    static String fingerprint(String... parts) {
        return digest(parts);
    }

    /** Detects a truncated or edited cursor; not a signature (anyone can compute it), so positions are still checked. */
    static String check(String fingerprint, String position) {
        return digest(fingerprint, position).substring(0, 16);
    }

    private static String digest(String... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                sha256.update(bytes);
            }
            return HexFormat.of().formatHex(sha256.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static Optional<String> encode(String fingerprint, Optional<String> storeCursor) {
        return storeCursor.map(position -> Base64.getUrlEncoder().withoutPadding().encodeToString(
                (VERSION + "\n" + fingerprint + "\n" + check(fingerprint, position) + "\n" + position)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    static Optional<String> decode(String fingerprint, Optional<String> cursor) {
        if (cursor.isEmpty()) {
            return Optional.empty();
        }
        String encoded = cursor.get();
        if (encoded.isEmpty() || encoded.length() > MAX_CURSOR_CHARS) {
            throw invalid("it is not a cursor this API returned");
        }
        String text;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(encoded);
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw invalid("it is not a cursor this API returned");
        }
        String[] parts = text.split("\n", 4);
        if (parts.length != 4 || !parts[0].equals(VERSION)) {
            throw invalid("it is not a cursor this API returned");
        }
        if (!parts[1].equals(fingerprint)) {
            throw invalid("it belongs to a different list or filter; repeat the same query with it");
        }
        String position = parts[3];
        if (!parts[2].equals(check(fingerprint, position))) {
            throw invalid("it was truncated or edited");
        }
        if (!wellFormed(position)) {
            throw invalid("it does not hold a position this API returned");
        }
        return Optional.of(position);
    }

    private static boolean wellFormed(String position) {
        if (position.isEmpty() || position.length() > MAX_POSITION_CHARS
                || position.codePoints().anyMatch(Character::isISOControl)) {
            return false;
        }
        char first = position.charAt(0);
        if (first != '{' && first != '[') {
            return true;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(position);
        } catch (JsonProcessingException e) {
            return false;
        }
        if (node == null || !(node.isObject() || node.isArray()) || node.isEmpty()) {
            return false;
        }
        for (Iterator<java.util.Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            if (fields.next().getKey().isEmpty()) {
                return false;
            }
        }
        for (JsonNode value : node) {
            boolean ok = value.isTextual() ? !value.textValue().isEmpty()
                    && value.textValue().getBytes(StandardCharsets.UTF_8).length <= MAX_VALUE_BYTES
                    : value.isIntegralNumber() && value.canConvertToLong();
            if (!ok) {
                return false;
            }
        }
        return true;
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
