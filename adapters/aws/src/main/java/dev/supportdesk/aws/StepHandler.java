package dev.supportdesk.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.aws.telemetry.XRayTrace;
import dev.supportdesk.json.Json;
import dev.supportdesk.telemetry.LogContext;
import dev.supportdesk.workflow.InvalidStepInputException;
import dev.supportdesk.workflow.WorkflowDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContext;

/**
 * Lambda entry point of every Task of the workflow's state machine: {@code {"step": name,
 * "input": {...}}} → the step function of that name → its JSON output. Only the steps of
 * {@link WorkflowDefinition} can be called. A malformed payload fails with
 * {@link InvalidStepInputException}, which the state machine does not retry.
 */
public final class StepHandler implements RequestStreamHandler {

    private final FunctionCatalog catalog;
    private final List<String> steps = WorkflowDefinition.STANDARD.steps();

    public StepHandler() {
        this(AwsRuntime.shared(AwsWorkflowConfiguration.class));
        SnapStartPriming.register(null, this);
    }

    public StepHandler(ApplicationContext context) {
        this.catalog = context.getBean(FunctionCatalog.class);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(input);
        } catch (IOException e) {
            throw new InvalidStepInputException("the step payload is not valid JSON");
        }
        if (event == null || !event.isObject() || !event.path("step").isTextual() || !event.has("input")
                || event.size() != 2) {
            throw new InvalidStepInputException("a step payload is {\"step\": <name>, \"input\": {...}} and nothing else");
        }
        String step = event.path("step").asText();
        if (!steps.contains(step)) {
            throw new InvalidStepInputException("unknown workflow step '" + step + "'; the steps are " + steps);
        }
        Function<String, String> function = catalog.lookup(step);
        String result;
        try (LogContext.Scope scope = LogContext.open("workflow." + step, context == null ? null : context.getAwsRequestId(),
                XRayTrace.current())) {
            result = function.apply(event.get("input").toString());
        }
        output.write(result.getBytes(StandardCharsets.UTF_8));
    }
}
