package dev.supportdesk.predict;

import static dev.supportdesk.http.Route.authenticated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.http.ApiCall;
import dev.supportdesk.http.ApiException;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.json.Json;
import dev.supportdesk.http.JsonBody;
import dev.supportdesk.http.QueryParams;
import dev.supportdesk.http.Route;
import dev.supportdesk.http.RouteSet;
import dev.supportdesk.identity.Role;
import java.util.List;
import java.util.Map;

/** {@code GET /models}, the two predict routes, and {@code GET /metrics} (admins). */
public final class PredictRoutes implements RouteSet {

    private final ModelRegistry registry;
    private final InstanceValidator validator;
    private final PredictMetrics metrics;

    public PredictRoutes(ModelRegistry registry, int maxBatchSize, PredictMetrics metrics) {
        this.registry = registry;
        this.validator = new InstanceValidator(maxBatchSize);
        this.metrics = metrics;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                authenticated("GET", "/models", this::models),
                authenticated("POST", "/models/{name}/predict", call -> timed(call, false)),
                authenticated("POST", "/models/{name}/versions/{version}/predict", call -> timed(call, true)),
                authenticated("GET", "/metrics", this::metrics));
    }

    private HttpResponse models(ApiCall call) {
        QueryParams.of(call.request());
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        for (Map.Entry<String, List<String>> model : registry.catalog().entrySet()) {
            ObjectNode item = items.addObject().put("name", model.getKey());
            item.put("currentVersion", registry.currentVersion(model.getKey()).orElse(null));
            ArrayNode versions = item.putArray("versions");
            model.getValue().forEach(versions::add);
        }
        body.putNull("nextCursor");
        return HttpResponse.json(200, body);
    }

    private HttpResponse timed(ApiCall call, boolean explicitVersion) {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            HttpResponse response = predict(call, explicitVersion);
            failed = false;
            return response;
        } finally {
            metrics.record(System.nanoTime() - start, failed);
        }
    }

    private HttpResponse predict(ApiCall call, boolean explicitVersion) {
        QueryParams.of(call.request());
        JsonBody body = JsonBody.parse(call.request()).allowOnly("instances");
        String name = call.path("name");
        LoadedModel model = explicitVersion ? registry.version(name, call.path("version")) : registry.current(name);
        float[][] rows = validator.rows(body.node("instances"), model.metadata());
        Prediction[] predictions = model.predict(rows);
        ObjectNode response = Json.object()
                .put("model", model.metadata().name())
                .put("modelVersion", model.metadata().version());
        ArrayNode items = response.putArray("predictions");
        for (Prediction prediction : predictions) {
            ObjectNode item = items.addObject().put("label", prediction.label());
            ObjectNode probabilities = item.putObject("probabilities");
            prediction.probabilities().forEach((label, p) -> probabilities.put(Long.toString(label), p));
        }
        return HttpResponse.json(200, response);
    }

    private HttpResponse metrics(ApiCall call) {
        QueryParams.of(call.request());
        if (!call.identity().has(Role.ADMIN)) {
            throw ApiException.forbidden("only admins may read metrics");
        }
        return HttpResponse.json(200, Json.object().set("predict", metrics.snapshot()));
    }

}
