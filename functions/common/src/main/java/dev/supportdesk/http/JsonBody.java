package dev.supportdesk.http;

import dev.supportdesk.json.Json;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A request body that must be a JSON object, read field by field so that every mistake gets a
 * precise message: which field, what was expected, what arrived.
 */
public final class JsonBody {

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /** Parses the body of {@code request}, which must be declared and encoded as UTF-8 JSON. */
    public static JsonBody parse(HttpRequest request) {
        requireJsonMediaType(request);
        if (request.body().length == 0) {
            throw new ApiException(ProblemType.INVALID_JSON, "the request body is empty; expected a JSON object");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new ApiException(ProblemType.INVALID_JSON, "the request body is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw new ApiException(ProblemType.INVALID_JSON, "the request body could not be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(ProblemType.INVALID_JSON,
                    "the request body must be a JSON object, not " + kind(root));
        }
        return new JsonBody(root);
    }

    private static void requireJsonMediaType(HttpRequest request) {
        String contentType = request.headers().first("Content-Type").orElse("");
        String[] parts = contentType.split(";");
        String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
        boolean json = mediaType.equals("application/json") || mediaType.equals("application/merge-patch+json");
        if (!json) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, contentType.isBlank()
                    ? "the request has a body but no Content-Type; send application/json"
                    : "Content-Type '" + contentType + "' is not supported; send application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].trim().split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset") && parameter.length == 2
                    && !parameter[1].trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
                throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "charset '" + parameter[1].trim() + "' is not supported; JSON must be UTF-8");
            }
        }
    }

    private static String describe(JsonProcessingException e) {
        String message = Optional.ofNullable(e.getOriginalMessage()).orElse("unreadable input");
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        if (message.length() > 200) {
            message = message.substring(0, 200) + "...";
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return message;
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    /** Rejects any field not in {@code allowed}, naming the first offender and the allowed set. */
    public JsonBody allowOnly(String... allowed) {
        Set<String> permitted = Set.of(allowed);
        List<String> unknown = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!permitted.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown field '" + unknown.get(0) + "'; allowed fields are "
                    + String.join(", ", new TreeSet<>(permitted)));
        }
        return this;
    }

    /** The raw value of a field, or null; for bodies whose shape is checked elsewhere. */
    public JsonNode node(String field) {
        return root.get(field);
    }

    public boolean has(String field) {
        return root.has(field);
    }

    public boolean isEmpty() {
        return root.isEmpty();
    }

    public String requiredString(String field, int maxLength) {
        return optionalString(field, maxLength)
                .orElseThrow(() -> ApiException.badRequest("field '" + field + "' is required"));
    }

    /**
     * A string field as sent is checked against the document's rules (at least one character that
     * is not whitespace, at most {@code maxLength} code points), and then stripped of surrounding
     * whitespace. Checking the value as sent keeps the server and the OpenAPI document (its
     * {@code pattern: '\\S'} and {@code maxLength}) in agreement about every input.
     */
    public Optional<String> optionalString(String field, int maxLength) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        String sent = node.textValue();
        if (sent.codePoints().allMatch(JsonBody::isWhitespace)) {
            throw ApiException.badRequest("field '" + field + "' must not be blank");
        }
        if (sent.codePointCount(0, sent.length()) > maxLength) {
            throw ApiException.badRequest("field '" + field + "' must be at most " + maxLength + " characters");
        }
        return Optional.of(strip(sent));
    }

    /** Whitespace as JSON Schema's ECMA-262 regular expressions read {@code \\s}. */
    static boolean isWhitespace(int c) {
        return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0xFEFF
                || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    private static String strip(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isWhitespace(value.codePointAt(start))) {
            start += Character.charCount(value.codePointAt(start));
        }
        while (end > start && isWhitespace(value.codePointBefore(end))) {
            end -= Character.charCount(value.codePointBefore(end));
        }
        return value.substring(start, end);
    }

    public List<String> requiredStringList(String field, int maxItems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("field '" + field + "' is required");
        }
        if (!node.isArray()) {
            throw wrongType(field, "an array of strings", node);
        }
        if (node.size() > maxItems) {
            throw ApiException.badRequest("field '" + field + "' must have at most " + maxItems + " items");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiException.badRequest("field '" + field + "' must contain only strings, not " + kind(item));
            }
            values.add(item.textValue());
        }
        return values;
    }

    /** True when the field is present with an explicit JSON {@code null}. */
    public boolean isExplicitNull(String field) {
        JsonNode node = root.get(field);
        return node != null && node.isNull();
    }

    public long requiredLong(String field, long min, long max) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("field '" + field + "' is required");
        }
        long value = integral(node).orElseThrow(() -> wrongType(field, "an integer", node));
        if (value < min || value > max) {
            throw ApiException.badRequest("field '" + field + "' must be between " + min + " and " + max
                    + ", got " + value);
        }
        return value;
    }

    /** An optional enum field: absent is empty; {@code null} is not one of its values, so it is refused. */
    /**
     * The value of an integer as JSON Schema reads one: any number without a fractional part
     * ({@code 20971520.0} too), within the range of a long.
     */
    private static Optional<Long> integral(JsonNode node) {
        if (!node.isNumber()) {
            return Optional.empty();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? Optional.of(node.longValue()) : Optional.empty();
        }
        java.math.BigDecimal decimal = node.decimalValue();
        try {
            return Optional.of(decimal.longValueExact());
        } catch (ArithmeticException notAnIntegerOrTooLarge) {
            return Optional.empty();
        }
    }

    public <E extends Enum<E>> Optional<E> optionalEnum(String field, Class<E> type) {
        JsonNode node = root.get(field);
        if (node == null) {
            return Optional.empty();
        }
        if (node.isNull()) {
            throw wrongType(field, "one of " + names(type) + " (or left out)", node);
        }
        if (!node.isTextual()) {
            throw wrongType(field, "one of " + names(type), node);
        }
        return Optional.of(parseEnum(field, node.textValue(), type, "field"));
    }

    /** Parses an enum constant case-insensitively, with a message listing the accepted values. */
    public static <E extends Enum<E>> E parseEnum(String name, String value, Class<E> type, String what) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw ApiException.badRequest(what + " '" + name + "' must be one of " + names(type) + ", got '"
                + truncate(value) + "'");
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static ApiException wrongType(String field, String expected, JsonNode actual) {
        return ApiException.badRequest("field '" + field + "' must be " + expected + ", not " + kind(actual));
    }

    private static String truncate(String value) {
        return value.length() > 50 ? value.substring(0, 50) + "..." : value;
    }
}
