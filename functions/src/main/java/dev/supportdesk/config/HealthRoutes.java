package dev.supportdesk.config;

import dev.supportdesk.http.Json;
import dev.supportdesk.http.QueryParams;
import dev.supportdesk.http.Route;
import java.util.List;

/** {@code GET /health}: the one route that needs no token. */
final class HealthRoutes {

    private HealthRoutes() {
    }

    static List<Route> routes() {
        return List.of(Route.publicRoute("GET", "/health", call -> {
            QueryParams.of(call.request());
            return Json.response(200, Json.object().put("status", "UP"));
        }));
    }
}
