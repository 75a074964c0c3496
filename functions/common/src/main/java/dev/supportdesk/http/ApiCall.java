package dev.supportdesk.http;

import dev.supportdesk.identity.Identity;
import java.util.Map;

/** A request that matched a route: the request, its path variables, and the caller (null on public routes). */
public record ApiCall(HttpRequest request, Map<String, String> pathVariables, Identity identity) {

    public String path(String name) {
        String value = pathVariables.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path variable " + name);
        }
        return value;
    }
}
