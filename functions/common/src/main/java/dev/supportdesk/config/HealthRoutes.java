package dev.supportdesk.config;

import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.json.Json;
import dev.supportdesk.http.QueryParams;
import dev.supportdesk.http.Route;
import java.util.List;

/** {@code GET /health}: the one route that needs no token. */
public final class HealthRoutes {

    private HealthRoutes() {
    }

    public static List<Route> routes() {
        return List.of(Route.publicRoute("GET", "/health", call -> {
            QueryParams.of(call.request());
            return HttpResponse.json(200, Json.object().put("status", "UP"));
        }));
    }
}
