package dev.supportdesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link WorkflowDefinition} in-process (the local runtime's engine): the same sequence,
 * fan-out, retry and catch policy the generated state machine has, calling the step functions
 * through a {@link StepInvoker}.
 */
public final class WorkflowInterpreter {

    private static final Logger log = LoggerFactory.getLogger(WorkflowInterpreter.class);

    /** Calls a step function by name. */
    @FunctionalInterface
    public interface StepInvoker {
        JsonNode invoke(String step, JsonNode input);
    }

    /** Waits between retries (tests pass one that does not sleep). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final WorkflowDefinition definition;
    private final StepInvoker steps;
    private final Sleeper sleeper;

    public WorkflowInterpreter(WorkflowDefinition definition, StepInvoker steps, Sleeper sleeper) {
        this.definition = definition;
        this.steps = steps;
        this.sleeper = sleeper;
    }

    /** Runs the workflow from its start input to the record step; returns the record step's output. */
    public JsonNode run(JsonNode startInput) {
        JsonNode run = call(definition.startStep(), startInput);
        String runId = run.path("runId").asText();
        String asOf = run.path("asOf").asText();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (WorkflowDefinition.Stage stage : definition.stages()) {
                ObjectNode find = WorkflowInputs.firstFind(runId, asOf, stage);
                while (true) {
                    JsonNode found;
                    try {
                        found = call(definition.findStep(), find);
                    } catch (StepFailedException e) {
                        return record(runId, asOf, e.error());
                    }
                    try {
                        fanOut(pool, stage, found.path("batches"));
                    } catch (StepFailedException e) {
                        return record(runId, asOf, e.error());
                    }
                    if (!found.path("more").asBoolean()) {
                        break;
                    }
                    find = WorkflowInputs.nextFind(runId, asOf, stage, found);
                }
            }
        }
        return record(runId, asOf, null);
    }

    private void fanOut(ExecutorService pool, WorkflowDefinition.Stage stage, JsonNode batches) {
        Semaphore slots = new Semaphore(definition.maxConcurrency());
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (JsonNode batch : batches) {
            running.add(CompletableFuture.runAsync(() -> {
                slots.acquireUninterruptibly();
                try {
                    call(stage.batchStep(), batch);
                } catch (StepFailedException e) {
                    ObjectNode failed = ((ObjectNode) batch.deepCopy()).set("error", e.error());
                    call(definition.batchFailedStep(), failed);
                } finally {
                    slots.release();
                }
            }, pool));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private JsonNode record(String runId, String asOf, JsonNode error) {
        return call(definition.recordStep(), WorkflowInputs.record(runId, asOf, error));
    }

    /** Calls a step with the definition's retry policy; a step that still fails raises {@link StepFailedException}. */
    private JsonNode call(String step, JsonNode input) {
        WorkflowDefinition.Retry retry = definition.retry();
        for (int attempt = 0; ; attempt++) {
            try {
                return steps.invoke(step, input);
            } catch (RuntimeException e) {
                if (e instanceof InterruptedRunException) {
                    throw e;
                }
                boolean retryable = !retry.nonRetryable().contains(e.getClass().getName());
                if (!retryable || attempt >= retry.maxRetries()) {
                    log.warn("workflow step {} failed for good after {} attempt(s): {}", step, attempt + 1, e.toString());
                    throw new StepFailedException(Json.object().put("Error", e.getClass().getName())
                            .put("Cause", String.valueOf(e.getMessage())));
                }
                try {
                    sleeper.sleep(retry.delayBefore(attempt + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedRunException();
                }
            }
        }
    }

    /** A step failed after its retries; carries the error as the engines report it. */
    static final class StepFailedException extends RuntimeException {
        private final transient JsonNode error;

        StepFailedException(JsonNode error) {
            super(error.toString(), null, false, false);
            this.error = error;
        }

        JsonNode error() {
            return error;
        }
    }

    /** The run was stopped from outside (shutdown, a test simulating a crash): not a step failure, not retried. */
    public static class InterruptedRunException extends RuntimeException {
        public InterruptedRunException() {
            super("workflow run interrupted");
        }
    }
}
