package dev.supportdesk.azure.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.durabletask.RetryContext;
import com.microsoft.durabletask.RetryHandler;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOptions;
import com.microsoft.durabletask.TaskOrchestrationContext;
import dev.supportdesk.json.Json;
import dev.supportdesk.workflow.WorkflowDefinition;
import dev.supportdesk.workflow.WorkflowInputs;
import java.util.ArrayList;
import java.util.List;

/**
 * The Durable Functions orchestrator of the workflow: interprets the core's
 * {@link WorkflowDefinition} (the same data the AWS state machine is generated from) with a
 * {@link TaskOrchestrationContext}. Each step is an activity of the same name calling the step
 * function; a round's batches fan out as parallel activities ({@code ctx.allOf}), at most
 * {@code maxConcurrency} at a time. Retries follow the definition (first interval, backoff factor,
 * maximum retries; bad input is never retried) through a {@link RetryHandler}, since a plain
 * {@code RetryPolicy} cannot tell bad input from a transient failure. A batch that still fails is
 * reported to the batch-failed step and the run goes on; a failed find ends the run, recorded as
 * failed. Deterministic as replay requires: no clock, no I/O, only the context.
 */
public final class DurableWorkflowOrchestrator {

    public static final String NAME = "workflowOrchestrator";

    private final WorkflowDefinition definition;

    public DurableWorkflowOrchestrator(WorkflowDefinition definition) {
        this.definition = definition;
    }

    /** Runs the orchestration; its input is the start step's input as JSON text, its output the run record. */
    public String run(TaskOrchestrationContext ctx) {
        TaskOptions options = new TaskOptions(retryHandler());
        JsonNode run = call(ctx, definition.startStep(), json(ctx.getInput(String.class)), options);
        String runId = run.path("runId").asText();
        String asOf = run.path("asOf").asText();
        for (WorkflowDefinition.Stage stage : definition.stages()) {
            ObjectNode find = WorkflowInputs.firstFind(runId, asOf, stage);
            while (true) {
                JsonNode found;
                try {
                    found = call(ctx, definition.findStep(), find, options);
                } catch (TaskFailedException e) {
                    return record(ctx, runId, asOf, error(e), options);
                }
                List<JsonNode> batches = new ArrayList<>();
                found.path("batches").forEach(batches::add);
                for (int from = 0; from < batches.size(); from += definition.maxConcurrency()) {
                    fanOut(ctx, stage, batches.subList(from, Math.min(batches.size(), from + definition.maxConcurrency())),
                            options);
                }
                if (!found.path("more").asBoolean()) {
                    break;
                }
                find = WorkflowInputs.nextFind(runId, asOf, stage, found);
            }
        }
        return record(ctx, runId, asOf, null, options);
    }

    private void fanOut(TaskOrchestrationContext ctx, WorkflowDefinition.Stage stage, List<JsonNode> batches,
                        TaskOptions options) {
        List<Task<String>> tasks = new ArrayList<>();
        for (JsonNode batch : batches) {
            tasks.add(ctx.callActivity(stage.batchStep(), batch.toString(), options, String.class));
        }
        try {
            ctx.allOf(tasks).await();
        } catch (RuntimeException composite) {
            // some batches failed for good: report each of them, the others are done
            for (int i = 0; i < tasks.size(); i++) {
                try {
                    tasks.get(i).await();
                } catch (TaskFailedException e) {
                    ObjectNode failed = ((ObjectNode) batches.get(i).deepCopy()).set("error", error(e));
                    call(ctx, definition.batchFailedStep(), failed, options);
                }
            }
        }
    }

    private String record(TaskOrchestrationContext ctx, String runId, String asOf, JsonNode error, TaskOptions options) {
        return call(ctx, definition.recordStep(), WorkflowInputs.record(runId, asOf, error), options).toString();
    }

    private static JsonNode call(TaskOrchestrationContext ctx, String step, JsonNode input, TaskOptions options) {
        return json(ctx.callActivity(step, input.toString(), options, String.class).await());
    }

    private static JsonNode error(TaskFailedException e) {
        return Json.object().put("Error", e.getErrorDetails().getErrorType())
                .put("Cause", String.valueOf(e.getErrorDetails().getErrorMessage()));
    }

    /** The retry policy of the definition, as a handler: backoff timers, a bound, no retry of bad input. */
    RetryHandler retryHandler() {
        WorkflowDefinition.Retry retry = definition.retry();
        return (RetryContext context) -> {
            if (context.getLastFailure() != null
                    && retry.nonRetryable().contains(context.getLastFailure().getErrorType())) {
                return false;
            }
            int attempt = context.getLastAttemptNumber();
            if (attempt > retry.maxRetries()) {
                return false;
            }
            context.getOrchestrationContext().createTimer(retry.delayBefore(attempt)).await();
            return true;
        };
    }

    /** Payloads travel as JSON text; a host that hands one over JSON-quoted is unwrapped. */
    static JsonNode json(String text) {
        try {
            JsonNode node = Json.MAPPER.readTree(text == null ? "null" : text);
            return node != null && node.isTextual() ? Json.MAPPER.readTree(node.asText()) : node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a workflow payload is not JSON: " + e.getOriginalMessage());
        }
    }
}
