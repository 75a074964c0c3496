package dev.supportdesk.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of the API: a method, a path template such as {@code /tickets/{id}}, whether a caller
 * identity is required, and the handler.
 */
public record Route(String method, String template, boolean authenticated, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        HttpResponse handle(ApiCall call);
    }

    public static Route publicRoute(String method, String template, Handler handler) {
        return new Route(method, template, false, handler);
    }

    public static Route authenticated(String method, String template, Handler handler) {
        return new Route(method, template, true, handler);
    }

    List<String> segments() {
        return split(template);
    }

    /** Matches a raw (percent-encoded) path against the template, returning decoded path variables. */
    Optional<Map<String, String>> match(String rawPath) {
        List<String> expected = segments();
        List<String> actual = split(rawPath);
        if (expected.size() != actual.size()) {
            return Optional.empty();
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            String pattern = expected.get(i);
            String segment = decode(actual.get(i));
            if (segment == null) {
                return Optional.empty();
            }
            if (pattern.startsWith("{") && pattern.endsWith("}")) {
                if (segment.isEmpty()) {
                    return Optional.empty();
                }
                variables.put(pattern.substring(1, pattern.length() - 1), segment);
            } else if (!pattern.equals(segment)) {
                return Optional.empty();
            }
        }
        return Optional.of(variables);
    }

    private static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return List.of(trimmed.split("/", -1));
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
