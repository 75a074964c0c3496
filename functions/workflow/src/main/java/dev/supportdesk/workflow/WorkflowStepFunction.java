package dev.supportdesk.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.json.Json;
import java.util.function.Function;

/**
 * A step as its Spring Cloud Function bean: JSON text in, JSON text out, the form every engine
 * passes along unchanged (Lambda payloads, Durable activity inputs, the local runner). Text that is
 * not JSON is a {@link InvalidStepInputException}, like any other malformed payload.
 */
public final class WorkflowStepFunction implements Function<String, String> {

    private final String name;
    private final Function<JsonNode, JsonNode> step;

    public WorkflowStepFunction(String name, Function<JsonNode, JsonNode> step) {
        this.name = name;
        this.step = step;
    }

    @Override
    public String apply(String input) {
        return step.apply(parse(name, input)).toString();
    }

    public static JsonNode parse(String step, String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidStepInputException(step + ": the input is empty; a JSON object is required");
        }
        try {
            return Json.MAPPER.readTree(input);
        } catch (JsonProcessingException e) {
            throw new InvalidStepInputException(step + ": the input is not JSON: " + e.getOriginalMessage());
        }
    }
}
