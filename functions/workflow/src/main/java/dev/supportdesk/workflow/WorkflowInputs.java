package dev.supportdesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.json.Json;

/**
 * The inputs of the workflow's steps, written once for every engine that runs the
 * {@link WorkflowDefinition} (the local runner, the Durable orchestrator, the Step Functions starter;
 * the generated state machine builds the same shapes with JSONPath).
 */
public final class WorkflowInputs {

    private WorkflowInputs() {
    }

    /**
     * The start step's input for a run: a schedule slot ({@code trigger}, {@code scheduledAt}), which the
     * start step turns into the slot's run idempotently, or a run created already ({@code trigger},
     * {@code runId}, {@code asOf}).
     */
    public static ObjectNode start(WorkflowRuns.RunRef run) {
        return run.trigger().equals("SCHEDULE")
                ? Json.object().put("trigger", "SCHEDULE").put("scheduledAt", run.asOf().toString())
                : Json.object().put("trigger", run.trigger()).put("runId", run.runId()).put("asOf", run.asOf().toString());
    }

    /** The find step's input for the first round of {@code stage}. */
    public static ObjectNode firstFind(String runId, String asOf, WorkflowDefinition.Stage stage) {
        return Json.object().put("runId", runId).put("asOf", asOf).put("rule", stage.rule().name())
                .put("round", 0).putNull("cursor");
    }

    /** The find step's input for the round after {@code found}, the previous find step's output. */
    public static ObjectNode nextFind(String runId, String asOf, WorkflowDefinition.Stage stage, JsonNode found) {
        return Json.object().put("runId", runId).put("asOf", asOf).put("rule", stage.rule().name())
                .put("round", found.path("round").asInt()).put("cursor", found.path("cursor").asText());
    }

    /** The record step's input: the run, and the error that ended it when it failed. */
    public static ObjectNode record(String runId, String asOf, JsonNode error) {
        ObjectNode input = Json.object().put("runId", runId).put("asOf", asOf);
        if (error != null) {
            input.set("error", error);
        }
        return input;
    }
}
