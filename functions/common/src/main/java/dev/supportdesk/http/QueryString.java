package dev.supportdesk.http;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The one reading of a raw query string, the same on every runtime: the rules of
 * {@code application/x-www-form-urlencoded} (pairs split on {@code &}, name and value on the first
 * {@code =}, {@code +} is a space, {@code %XX} escapes are UTF-8 bytes), except that a malformed
 * escape ({@code %zz}, a lone {@code %}, bytes that are not UTF-8) is an error naming the parameter,
 * not a guess.
 */
public final class QueryString {

    private QueryString() {
    }

    /**
     * @param rawQuery the query as sent, without the {@code ?}; empty when there is none
     * @return decoded names to their decoded values, in arrival order
     * @throws ApiException (400) when a name or value is not correctly percent-encoded
     */
    public static Map<String, List<String>> decode(String rawQuery) {
        Map<String, List<String>> decoded = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = component(rawName, "the name of query parameter '" + rawName + "'");
            String value = equals < 0 ? "" : component(pair.substring(equals + 1), "query parameter '" + name + "'");
            decoded.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return decoded;
    }

    /**
     * The raw query that carries these decoded parameters, for events that deliver only decoded ones
     * (API Gateway REST APIs): every character outside {@code A-Z a-z 0-9 . - * _} is escaped.
     */
    public static String encode(Map<String, ? extends List<String>> decoded) {
        StringJoiner query = new StringJoiner("&");
        decoded.forEach((name, values) -> values.forEach(value -> query.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return query.toString();
    }

    private static String component(String raw, String what) {
        if (raw.indexOf('%') < 0) {
            return raw.replace('+', ' ');
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%') {
                int end = escapesEnd(raw, i, what);
                out.append(utf8(raw.substring(i, end), what));
                i = end;
            } else {
                out.append(c == '+' ? ' ' : c);
                i++;
            }
        }
        return out.toString();
    }

    /** The end of the run of well-formed escapes starting at {@code start}: one character may take several. */
    private static int escapesEnd(String raw, int start, String what) {
        int i = start;
        while (i < raw.length() && raw.charAt(i) == '%') {
            if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
                String escape = raw.substring(i, Math.min(raw.length(), i + 3));
                throw ApiException.badRequest(what + " is not correctly percent-encoded: '" + escape
                        + "' is not an escape of the form %XX (send a literal % as %25)");
            }
            i += 3;
        }
        return i;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String utf8(String escapes, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(escapes.length() / 3);
        for (int i = 0; i < escapes.length(); i += 3) {
            bytes.write(Integer.parseInt(escapes, i + 1, i + 3, 16));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest(what + " is not correctly percent-encoded: '" + escapes
                    + "' is not UTF-8");
        }
    }
}
