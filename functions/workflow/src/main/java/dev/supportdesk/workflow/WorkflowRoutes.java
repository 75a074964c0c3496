package dev.supportdesk.workflow;

import static dev.supportdesk.http.Route.authenticated;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.http.ApiCall;
import dev.supportdesk.http.ApiException;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.json.Json;
import dev.supportdesk.http.QueryParams;
import dev.supportdesk.http.Route;
import dev.supportdesk.http.RouteSet;
import dev.supportdesk.identity.Role;
import java.util.List;
import java.util.Optional;

/**
 * {@code /workflow/runs}. Operators list, read and start runs over every tenant. A tenant's admin
 * starts runs over their tenant only, and sees the runs that cover their tenant as their tenant's
 * share (its figures, no failures). A start is refused (409) while a run over the same tickets is in
 * flight.
 */
public final class WorkflowRoutes implements RouteSet {

    private static final int LIST_SCAN = 100;

    private final WorkflowRuns runs;
    private final WorkflowStarter starter;

    public WorkflowRoutes(WorkflowRuns runs, WorkflowStarter starter) {
        this.runs = runs;
        this.starter = starter;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                authenticated("GET", "/workflow/runs", this::list),
                authenticated("POST", "/workflow/runs", this::start),
                authenticated("GET", "/workflow/runs/{id}", this::get));
    }

    /** Who is looking: an operator sees everything; an admin their tenant's share. */
    private static Viewer viewer(ApiCall call) {
        if (call.identity().has(Role.OPERATOR)) {
            return new Viewer(Optional.empty());
        }
        if (call.identity().has(Role.ADMIN)) {
            return new Viewer(Optional.of(call.identity().tenant()));
        }
        throw ApiException.forbidden("only operators and admins may see or start workflow runs");
    }

    /** @param tenant the tenant whose share the viewer sees; empty for every tenant's, whole */
    private record Viewer(Optional<String> tenant) {

        boolean sees(WorkflowRun run) {
            return tenant.map(run::covers).orElse(true);
        }

        ObjectNode json(WorkflowRun run) {
            return tenant.map(t -> WorkflowJson.shareOf(run, t)).orElseGet(() -> WorkflowJson.run(run));
        }
    }

    private HttpResponse list(ApiCall call) {
        Viewer viewer = viewer(call);
        QueryParams query = QueryParams.of(call.request(), "limit");
        int limit = query.intValue("limit", 20, 1, 100);
        ArrayNode items = Json.MAPPER.createArrayNode();
        runs.latest(viewer.tenant().isPresent() ? LIST_SCAN : limit).stream()
                .filter(viewer::sees).limit(limit)
                .forEach(run -> items.add(viewer.json(run)));
        return HttpResponse.json(200, Json.object().set("items", items));
    }

    private HttpResponse get(ApiCall call) {
        Viewer viewer = viewer(call);
        QueryParams.of(call.request());
        String id = call.path("id");
        WorkflowRun run = (WorkflowRuns.isRunId(id) ? runs.find(id) : Optional.<WorkflowRun>empty())
                .filter(viewer::sees)
                .orElseThrow(() -> ApiException.notFound("workflow run '" + id + "' does not exist"));
        return HttpResponse.json(200, viewer.json(run));
    }

    private HttpResponse start(ApiCall call) {
        Viewer viewer = viewer(call);
        QueryParams.of(call.request());
        if (call.request().body().length > 0 && !new String(call.request().body()).isBlank()) {
            throw ApiException.badRequest("POST /workflow/runs takes no body");
        }
        WorkflowRuns.RunRef run = viewer.tenant().map(runs::manualFor).orElseGet(runs::manual);
        runs.claimStart(run);
        runs.create(run);
        try {
            starter.start(run);
        } catch (RuntimeException e) {
            runs.update(run.runId(), r -> r.finished(runs.now().toString(), "FAILED", "could not start: " + e.getMessage()));
            throw e;
        }
        WorkflowRun created = runs.find(run.runId()).orElseThrow();
        return HttpResponse.json(202, viewer.json(created)).withHeader("Location", "/workflow/runs/" + run.runId());
    }
}
