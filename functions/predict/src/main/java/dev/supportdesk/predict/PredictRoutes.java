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
import dev.supportdesk.identity.Identity;
import dev.supportdesk.identity.Role;
import dev.supportdesk.domain.DomainException;
import dev.supportdesk.telemetry.MetricRegistry;
import dev.supportdesk.telemetry.Metrics;
import dev.supportdesk.telemetry.Telemetry;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /models}, the two predict routes, and {@code GET /metrics}: this instance's figures (operators: every
 * tenant's; a tenant admin: their tenant's), as JSON or, when the caller accepts {@code text/plain}, in the
 * Prometheus text format.
 * Predictions are reported through {@link Telemetry} per model version (never per caller or id).
 */
public final class PredictRoutes implements RouteSet {

    private final ModelRegistry registry;
    private final InstanceValidator validator;
    private final PredictMetrics metrics;
    private final Telemetry telemetry;
    private final Optional<MetricRegistry> instanceView;

    public PredictRoutes(ModelRegistry registry, int maxBatchSize, PredictMetrics metrics) {
        this(registry, maxBatchSize, metrics, Telemetry.noop(), Optional.empty());
    }

    /**
     * @param telemetry    where predictions are reported
     * @param instanceView what {@code GET /metrics} shows besides the predict figures (the runtime's in-process
     *                     registry, when it keeps one)
     */
    public PredictRoutes(ModelRegistry registry, int maxBatchSize, PredictMetrics metrics, Telemetry telemetry,
                         Optional<MetricRegistry> instanceView) {
        this.telemetry = telemetry;
        this.instanceView = instanceView;
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
        String[] version = {"none"};
        String outcome = "error";
        try {
            HttpResponse response = predict(call, explicitVersion, version);
            failed = false;
            outcome = "ok";
            return response;
        } catch (ApiException | DomainException e) {
            outcome = "rejected";
            throw e;
        } finally {
            long nanos = System.nanoTime() - start;
            metrics.record(nanos, failed);
            telemetry.increment(Metrics.PREDICT_REQUESTS, version[0], outcome);
            telemetry.observeNanos(Metrics.PREDICT_DURATION, nanos, version[0]);
        }
    }

    private HttpResponse predict(ApiCall call, boolean explicitVersion, String[] version) {
        QueryParams.of(call.request());
        JsonBody body = JsonBody.parse(call.request()).allowOnly("instances");
        String name = call.path("name");
        LoadedModel model = explicitVersion ? registry.version(name, call.path("version")) : registry.current(name);
        version[0] = model.metadata().version();
        float[][] rows = validator.rows(body.node("instances"), model.metadata());
        Prediction[] predictions = model.predict(rows);
        telemetry.count(Metrics.PREDICT_ROWS, rows.length, version[0]);
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

    /**
     * Operators see this instance's figures of every tenant; a tenant admin sees their tenant's share of them (the
     * same names, only their tenant's measurements), when the runtime keeps an instance registry.
     */
    private HttpResponse metrics(ApiCall call) {
        QueryParams.of(call.request());
        Identity identity = call.identity();
        boolean operator = identity.has(Role.OPERATOR);
        if (!operator && !identity.has(Role.ADMIN)) {
            throw ApiException.forbidden("metrics are for operators (every tenant's) and tenant admins (their tenant's)");
        }
        boolean text = call.request().headers().first("Accept").map(PredictRoutes::prefersText).orElse(false);
        if (!operator) {
            MetricRegistry view = instanceView.orElseThrow(() -> ApiException.forbidden(
                    "this runtime keeps no per-tenant figures: only operators may read its metrics"));
            return text ? HttpResponse.of(200, MetricRegistry.PROMETHEUS_CONTENT_TYPE,
                    view.prometheus(identity.tenant()).getBytes(StandardCharsets.UTF_8))
                    : HttpResponse.json(200, view.json(identity.tenant()));
        }
        if (text && instanceView.isPresent()) {
            return HttpResponse.of(200, MetricRegistry.PROMETHEUS_CONTENT_TYPE,
                    instanceView.get().prometheus().getBytes(StandardCharsets.UTF_8));
        }
        ObjectNode body = Json.object();
        body.set("predict", metrics.snapshot());
        instanceView.ifPresent(view -> body.setAll(view.json()));
        return HttpResponse.json(200, body);
    }

    /** Prometheus asks for {@code text/plain;version=0.0.4} (or OpenMetrics, which the text format also parses). */
    static boolean prefersText(String accept) {
        String value = accept.toLowerCase(java.util.Locale.ROOT);
        int text = Math.max(value.indexOf("text/plain"), value.indexOf("application/openmetrics-text"));
        int json = value.indexOf("application/json");
        return text >= 0 && (json < 0 || text < json);
    }

}
