package dev.supportdesk.local.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.json.Json;
import dev.supportdesk.workflow.WorkflowDefinition;
import dev.supportdesk.workflow.WorkflowInputs;
import dev.supportdesk.workflow.WorkflowInterpreter;
import dev.supportdesk.workflow.WorkflowRuns;
import dev.supportdesk.workflow.WorkflowStarter;
import dev.supportdesk.workflow.WorkflowStepFunction;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.function.context.FunctionCatalog;

/**
 * The local runtime's workflow engine: runs the core's {@link WorkflowDefinition} in-process with
 * the {@link WorkflowInterpreter}, one run at a time on a background thread, calling the step
 * functions from the {@link FunctionCatalog} by name.
 */
public final class LocalWorkflowRunner implements WorkflowStarter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalWorkflowRunner.class);

    private final WorkflowInterpreter interpreter;
    private final FunctionCatalog catalog;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("supportdesk-workflow").daemon(true).factory());

    public LocalWorkflowRunner(FunctionCatalog catalog) {
        this.catalog = catalog;
        this.interpreter = new WorkflowInterpreter(WorkflowDefinition.STANDARD, (step, input) -> {
            Function<String, String> function = catalog.lookup(step);
            if (function == null) {
                throw new IllegalStateException("no function '" + step + "' in the catalog");
            }
            return WorkflowStepFunction.parse(step, function.apply(input.toString()));
        }, duration -> Thread.sleep(duration.toMillis()));
    }

    @Override
    public void start(WorkflowRuns.RunRef run) {
        JsonNode input = WorkflowInputs.start(run);
        executor.execute(() -> {
            try {
                JsonNode record = interpreter.run(input);
                log.info("workflow run {} finished: {}", run.runId(), record.path("status").asText());
            } catch (RuntimeException e) {
                log.error("workflow run {} stopped", run.runId(), e);
                recordFailure(run, e);
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** A run that stopped before its record step (its start failed, or the runner was shut down) is recorded as failed. */
    private void recordFailure(WorkflowRuns.RunRef run, RuntimeException e) {
        try {
            Function<String, String> record = catalog.lookup(WorkflowDefinition.RECORD);
            record.apply(WorkflowInputs.record(run.runId(), run.asOf().toString(), Json.object()
                    .put("Error", e.getClass().getName()).put("Cause", String.valueOf(e.getMessage()))).toString());
        } catch (RuntimeException again) {
            log.warn("could not record the failure of run {}: {}", run.runId(), again.toString());
        }
    }
}
