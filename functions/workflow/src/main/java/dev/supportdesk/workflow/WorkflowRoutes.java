package dev.supportdesk.workflow;

import static dev.supportdesk.http.Route.authenticated;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.supportdesk.http.ApiCall;
import dev.supportdesk.http.ApiException;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.json.Json;
import dev.supportdesk.http.QueryParams;
import dev.supportdesk.http.Route;
import dev.supportdesk.http.RouteSet;
import dev.supportdesk.identity.Role;
import java.util.List;

/** {@code /workflow/runs}: admins list, read and start workflow runs. */
public final class WorkflowRoutes implements RouteSet {

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

    private static void requireAdmin(ApiCall call) {
        if (!call.identity().has(Role.ADMIN)) {
            throw ApiException.forbidden("only admins may see or start workflow runs");
        }
    }

    private HttpResponse list(ApiCall call) {
        requireAdmin(call);
        QueryParams query = QueryParams.of(call.request(), "limit");
        int limit = query.intValue("limit", 20, 1, 100);
        ArrayNode items = Json.MAPPER.createArrayNode();
        runs.latest(limit).forEach(run -> items.add(WorkflowJson.run(run)));
        return HttpResponse.json(200, Json.object().set("items", items));
    }

    private HttpResponse get(ApiCall call) {
        requireAdmin(call);
        QueryParams.of(call.request());
        String id = call.path("id");
        WorkflowRun run = (WorkflowRuns.isRunId(id) ? runs.find(id) : java.util.Optional.<WorkflowRun>empty())
                .orElseThrow(() -> ApiException.notFound("workflow run '" + id + "' does not exist"));
        return HttpResponse.json(200, WorkflowJson.run(run));
    }

    private HttpResponse start(ApiCall call) {
        requireAdmin(call);
        QueryParams.of(call.request());
        if (call.request().body().length > 0 && !new String(call.request().body()).isBlank()) {
            throw ApiException.badRequest("POST /workflow/runs takes no body");
        }
        WorkflowRuns.RunRef run = runs.manual();
        runs.create(run);
        try {
            starter.start(run);
        } catch (RuntimeException e) {
            runs.update(run.runId(), r -> r.finished(runs.now().toString(), "FAILED", "could not start: " + e.getMessage()));
            throw e;
        }
        WorkflowRun created = runs.find(run.runId()).orElseThrow();
        return HttpResponse.json(202, WorkflowJson.run(created)).withHeader("Location", "/workflow/runs/" + run.runId());
    }
}
