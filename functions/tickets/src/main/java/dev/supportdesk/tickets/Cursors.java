package dev.supportdesk.tickets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.domain.InvalidCursor;
import dev.supportdesk.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;

/**
 * The public form of pagination cursors: the store's own position marker, tagged with the list it
 * belongs to and base64url-encoded. A cursor from another list or a mangled one is a 400, never a
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

    private static InvalidCursor invalid(String reason) {
        return new InvalidCursor("the cursor is not valid: " + reason);
    }
}
