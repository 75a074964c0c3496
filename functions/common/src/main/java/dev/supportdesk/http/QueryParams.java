package dev.supportdesk.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict access to a request's query parameters, decoded here and only here ({@link QueryString}):
 * badly encoded, unknown or repeated parameters are errors, not ignored.
 */
public final class QueryParams {

    private final Map<String, List<String>> values;

    private QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    public static QueryParams of(HttpRequest request, String... allowed) {
        Map<String, List<String>> values = QueryString.decode(request.rawQuery());
        Set<String> permitted = Set.of(allowed);
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            if (!permitted.contains(entry.getKey())) {
                throw ApiException.badRequest("unknown query parameter '" + entry.getKey() + "'"
                        + (permitted.isEmpty() ? "; this route takes none"
                        : "; allowed parameters are " + String.join(", ", new TreeSet<>(permitted))));
            }
            if (entry.getValue().size() > 1) {
                throw ApiException.badRequest("query parameter '" + entry.getKey() + "' must appear at most once");
            }
        }
        return new QueryParams(values);
    }

    public Optional<String> get(String name) {
        List<String> list = values.get(name);
        if (list == null || list.isEmpty()) {
            return Optional.empty();
        }
        String value = list.get(0);
        if (value.isBlank()) {
            throw ApiException.badRequest("query parameter '" + name + "' must not be empty");
        }
        return Optional.of(value);
    }

    public int intValue(String name, int defaultValue, int min, int max) {
        Optional<String> raw = get(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter '" + name + "' must be an integer");
        }
        if (value < min || value > max) {
            throw ApiException.badRequest("query parameter '" + name + "' must be between " + min + " and " + max);
        }
        return value;
    }

    public <E extends Enum<E>> Optional<E> enumValue(String name, Class<E> type) {
        return get(name).map(value -> JsonBody.parseEnum(name, value, type, "query parameter"));
    }
}
