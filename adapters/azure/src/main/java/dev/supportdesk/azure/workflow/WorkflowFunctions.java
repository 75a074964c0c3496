package dev.supportdesk.azure.workflow;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;
import dev.supportdesk.azure.telemetry.InvocationLogContext;
import dev.supportdesk.telemetry.LogContext;
import dev.supportdesk.workflow.WorkflowDefinition;
import dev.supportdesk.workflow.WorkflowStepFunction;
import java.util.function.Function;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContext;

/**
 * The workflow on Durable Functions: the orchestrator function and one activity function per step
 * of the core's {@link WorkflowDefinition}, each calling the step function of the same name from the
 * Spring context (built by the SpringFunctionInstanceInjector, like every function class here). Every
 * invocation runs in its log context ({@link InvocationLogContext}): the invocation id, the host's trace (which
 * Durable Functions carries from the orchestration to its activities), and {@code workflow.<step>} as the function,
 * the name the AWS step handler uses ({@code workflow} for the orchestrator).
 */
public final class WorkflowFunctions {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WorkflowFunctions.class);

    private final FunctionCatalog catalog;
    private final DurableWorkflowOrchestrator orchestrator = new DurableWorkflowOrchestrator(WorkflowDefinition.STANDARD);

    public WorkflowFunctions(ApplicationContext context) {
        this.catalog = context.getBean(FunctionCatalog.class);
    }

    @FunctionName(DurableWorkflowOrchestrator.NAME)
    public String orchestrate(@DurableOrchestrationTrigger(name = "ctx") TaskOrchestrationContext ctx,
                              ExecutionContext context) {
        try (LogContext.Scope scope = InvocationLogContext.open("workflow", context, null)) {
            return orchestrator.run(ctx);
        }
    }

    @FunctionName(WorkflowDefinition.START)
    public String start(@DurableActivityTrigger(name = "input") String input, ExecutionContext context) {
        return step(WorkflowDefinition.START, input, context);
    }

    @FunctionName(WorkflowDefinition.FIND_DUE)
    public String findDue(@DurableActivityTrigger(name = "input") String input, ExecutionContext context) {
        return step(WorkflowDefinition.FIND_DUE, input, context);
    }

    @FunctionName(WorkflowDefinition.ESCALATE)
    public String escalate(@DurableActivityTrigger(name = "input") String input, ExecutionContext context) {
        return step(WorkflowDefinition.ESCALATE, input, context);
    }

    @FunctionName(WorkflowDefinition.AUTO_CLOSE)
    public String autoClose(@DurableActivityTrigger(name = "input") String input, ExecutionContext context) {
        return step(WorkflowDefinition.AUTO_CLOSE, input, context);
    }

    @FunctionName(WorkflowDefinition.RETRY_OCR)
    public String retryOcr(@DurableActivityTrigger(name = "input") String input, ExecutionContext context) {
        return step(WorkflowDefinition.RETRY_OCR, input, context);
    }

    @FunctionName(WorkflowDefinition.BATCH_FAILED)
    public String batchFailed(@DurableActivityTrigger(name = "input") String input, ExecutionContext context) {
        return step(WorkflowDefinition.BATCH_FAILED, input, context);
    }

    @FunctionName(WorkflowDefinition.RECORD)
    public String record(@DurableActivityTrigger(name = "input") String input, ExecutionContext context) {
        return step(WorkflowDefinition.RECORD, input, context);
    }

    /** Calls the step function inside the invocation's log context. */
    public String step(String name, String input, ExecutionContext context) {
        try (LogContext.Scope scope = InvocationLogContext.open("workflow." + name, context, null)) {
            String output = step(name, input);
            LOG.info("workflow step {} done", name);
            return output;
        }
    }

    /** Calls the step function; an input the host JSON-quoted is unwrapped first. */
    public String step(String name, String input) {
        Function<String, String> function = catalog.lookup(name);
        String text = input;
        if (text != null && text.startsWith("\"")) {
            text = WorkflowStepFunction.parse(name, text).asText();
        }
        return function.apply(text);
    }
}
