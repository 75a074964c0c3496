package dev.supportdesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/** Strict reading of a step's JSON input: unknown fields, missing fields and wrong types are errors. */
final class StepPayload {

    private final String step;
    private final JsonNode node;

    private StepPayload(String step, JsonNode node) {
        this.step = step;
        this.node = node;
    }

    static StepPayload of(String step, JsonNode node, String... allowed) {
        if (node == null || !node.isObject()) {
            throw new InvalidStepInputException(step + ": the input must be a JSON object, got "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
        }
        Set<String> known = Set.of(allowed);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidStepInputException(step + ": unknown field '" + name + "'; allowed: " + known);
            }
        }
        return new StepPayload(step, node);
    }

    String text(String field) {
        return optionalText(field).orElseThrow(() -> fail("field '" + field + "' is required"));
    }

    Optional<String> optionalText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw fail("field '" + field + "' must be a non-empty string");
        }
        return Optional.of(value.asText());
    }

    String runId() {
        String runId = text("runId");
        if (!WorkflowRuns.isRunId(runId)) {
            throw fail("field 'runId' is not a workflow run id: '" + runId + "'");
        }
        return runId;
    }

    Instant instant(String field) {
        return optionalInstant(field).orElseThrow(() -> fail("field '" + field + "' is required"));
    }

    Optional<Instant> optionalInstant(String field) {
        return optionalText(field).map(value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw fail("field '" + field + "' must be an ISO-8601 instant, got '" + value + "'");
            }
        });
    }

    int integer(String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()
                || value.asInt() < min || value.asInt() > max) {
            throw fail("field '" + field + "' must be an integer between " + min + " and " + max);
        }
        return value.asInt();
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        String value = text(field);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw fail("field '" + field + "' must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    + ", got '" + value + "'");
        }
    }

    JsonNode array(String field, int maxItems) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw fail("field '" + field + "' must be an array");
        }
        if (value.size() > maxItems) {
            throw fail("field '" + field + "' has " + value.size() + " items; at most " + maxItems + " are allowed");
        }
        return value;
    }

    JsonNode node(String field) {
        return node.get(field);
    }

    InvalidStepInputException fail(String message) {
        return new InvalidStepInputException(step + ": " + message);
    }
}
